@testable import R2SCore
import R2STestSupport
import Testing

/// The error protocol asks for a message, a hint and a status; everything the shell prints is
/// derived from them, in both languages, with the secret rule applied on the way out.
@Suite struct UserFacingErrorTests {
    /// An error that says only what the protocol requires.
    struct Minimal: UserFacingError {
        var message: LocalizedText
        var hintText: LocalizedText?
    }

    @Test("the derived texts come from message and hintText, in each language; the status defaults to failure")
    func derived() {
        let e = Minimal(
            message: LocalizedText(en: "bucket 'media' not found", ptBR: "bucket 'media' não encontrado"),
            hintText: LocalizedText(en: "check R2_BUCKET", ptBR: "confira R2_BUCKET"))
        #expect(e.userMessage == "bucket 'media' not found")
        #expect(e.hint == "check R2_BUCKET")
        #expect(e.localizedMessage(.ptBR) == "bucket 'media' não encontrado")
        #expect(e.localizedHint(.ptBR) == "confira R2_BUCKET")
        #expect(e.exitStatus == .failure)
        #expect(Minimal(message: "x", hintText: nil).localizedHint(.ptBR) == nil)
    }

    @Test("a URL password or userinfo quoted in a message or hint never reaches the derived texts")
    func scrubbed() {
        let e = Minimal(
            message: LocalizedText(
                en: "cannot reach https://ana:Hunter22@db.example/x",
                ptBR: "sem acesso a https://ana:Hunter22@db.example/x"),
            hintText: LocalizedText(
                en: "check postgres://ana:Hunter22@db/x", ptBR: "confira postgres://ana:Hunter22@db/x"))
        for language in Language.allCases {
            let texts = [e.localizedMessage(language), e.localizedHint(language) ?? ""]
            #expect(texts.allSatisfy { !$0.contains("Hunter22") && $0.contains("****") })
        }
        #expect(e.hint == "check postgres://ana:****@db/x")
    }

    @Test("a composed text builds each language from the other texts' same language")
    func composed() {
        let cause = LocalizedText(en: "timeout", ptBR: "tempo esgotado")
        let text = LocalizedText { "failed: " + cause.resolve($0) + ($0 == .ptBR ? "!" : ".") }
        #expect(text == LocalizedText(en: "failed: timeout.", ptBR: "failed: tempo esgotado!"))
    }

    @Test("script errors are user-facing errors: usage status, the same words in both languages")
    func scriptError() {
        let at = ScriptLocation(origin: "job.r2s", line: 3, column: 9)
        let e: any UserFacingError = ScriptError(.missingEnd, at: at)
        #expect(e.exitStatus == .usage)
        #expect(e.localizedMessage(.en) == "'if' without matching 'end'")
        #expect(e.localizedMessage(.ptBR) == "'if' sem o 'end' correspondente")
        #expect(e.localizedHint(.ptBR) == "feche cada bloco 'if' com uma linha 'end'")
        #expect(ScriptError(.unreadableFile(path: "a", reason: "b"), at: at).exitStatus == .failure)
        #expect(ScriptError(.elseWithoutIf, at: at).hintText == nil)
    }

    @Test("usage and config errors keep their statuses and words")
    func shellErrors() throws {
        let usage = try #require(throws: Invocation.UsageError.self) { try Invocation.parse(["--nope"]) }
        #expect(usage.exitStatus == .usage)
        #expect(usage.localizedMessage(.ptBR) == "opção desconhecida '--nope'")
        #expect(usage.localizedHint(.en) == "run `r2s --help` for the usage")
        let config = ConfigError(.syntax, LocalizedText(en: "bad line", ptBR: "linha ruim"))
        #expect(config.exitStatus == .config && config.localizedMessage(.ptBR) == "linha ruim" && config.hint == nil)
    }
}

@Suite struct ArchitectureRecipeTests {
    @Test("the recipe's error renders as docs/architecture.md says, in both languages, with status 4")
    func quotaError() {
        let cases: [(Language, String)] = [
            (.en, "error: quota exceeded: 3 objects\nhint: remove objects with `rm`\n"),
            (.ptBR, "erro: cota excedida: 3 objetos\ndica: remova objetos com `rm`\n"),
        ]
        for (language, printed) in cases {
            let shell = TestShell(modules: [], language: language)
            let status = ErrorRenderer.render(QuotaError(used: 3), in: shell.interpreter.context)
            #expect(status.rawValue == 4)
            #expect(shell.console.errorOutput == printed)
        }
    }
}
