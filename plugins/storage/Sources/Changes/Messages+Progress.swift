import R2SCore

// The status-line verbs of rm and mv (CountBoard).

extension LocalizedText {
    static let removing = LocalizedText(en: "removing", ptBR: "removendo")
    static let moving = LocalizedText(en: "moving", ptBR: "movendo")
}
