import R2SCore
import Scope
import Testing

/// ScopeError's words in both languages (and its status: 2 usage, 1 failure), as they were before its texts became `LocalizedText`s.
@Suite struct ScopeErrorTextTests {
    @Test(
        "message, hint and status of each kind, in English and Portuguese",
        arguments: [
            (
                ScopeError.Code.invalidSize("10q"), "invalid size '10q'", "tamanho inválido '10q'",
                "exemplos: 500, 10k, 5MiB, 1.5GB, 1G", Int32(2)
            ),
            (
                .invalidGlob("a[", reason: "unclosed ["), "invalid pattern 'a[': unclosed [",
                "padrão inválido 'a[': unclosed [",
                "veja `help filter` para a sintaxe dos padrões", 2
            ),
            (
                .unknownFilter(name: "pdfs", profile: "prod"), "no filter 'pdfs' in profile 'prod'",
                "filtro 'pdfs' não existe no perfil 'prod'", "veja os filtros com `filter ls`", 2
            ),
            (
                .exists(name: "pdfs"), "filter 'pdfs' already exists", "o filtro 'pdfs' já existe",
                "use `filter edit pdfs …` ou `filter rm pdfs`", 1
            ),
            (
                .unwritable(path: "/x/filters", detail: "EACCES"), "cannot write the filters to /x/filters: EACCES",
                "não foi possível gravar os filtros em /x/filters: EACCES",
                "confira as permissões da pasta de configuração",
                1
            ),
        ])
    func texts(code: ScopeError.Code, en: String, ptBR: String, hintPT: String, status: Int32) {
        let e = ScopeError(code)
        #expect(e.userMessage == en)
        #expect(e.localizedMessage(.ptBR) == ptBR)
        #expect(e.localizedHint(.ptBR) == hintPT)
        #expect(e.hint != nil && e.exitStatus.rawValue == status)
    }
}
