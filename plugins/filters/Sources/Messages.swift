import R2SCore

/// The filters module's wording, in every language r2s speaks.
extension LocalizedText {
    static func filterSaved(_ name: String, _ path: String) -> LocalizedText { .init(en: "saved filter '\(name)' in \(path)", ptBR: "filtro '\(name)' gravado em \(path)") }
    static func filterRemoved(_ name: String) -> LocalizedText { .init(en: "removed filter '\(name)'", ptBR: "filtro '\(name)' removido") }
    static let noFilters = LocalizedText(en: "no filters in this profile yet; create one with `filter add NAME …`", ptBR: "nenhum filtro neste perfil; crie um com `filter add NOME …`")
    static let nothingToEdit = LocalizedText(en: "nothing to change: give the rules to replace (see `filter edit --help`)", ptBR: "nada a alterar: informe as regras a substituir (veja `filter edit --help`)")
    static let matchesNothing = LocalizedText(en: "the filter matches nothing on either side", ptBR: "o filtro não seleciona nada em nenhum dos lados")
    static let noServices = LocalizedText(en: "`filter test` needs a bucket and a catalog, and none is configured in this build", ptBR: "`filter test` precisa de um bucket e de um catálogo, e nenhum está configurado nesta versão")
    static func emptyPrefixes(_ name: String) -> LocalizedText { .init(en: "filter '\(name)' has prefixes that cannot overlap: it matches nothing", ptBR: "o filtro '\(name)' tem prefixos que não se sobrepõem: não seleciona nada") }
    static func shownOf(_ shown: Int, _ total: Int, _ side: String) -> LocalizedText { .init(en: "showing \(shown) of \(total) matching \(side) (--limit)", ptBR: "mostrando \(shown) de \(total) \(side == "objects" ? "objetos" : "registros") selecionados (--limit)") }
}
