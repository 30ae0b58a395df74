/// The languages r2s speaks: English and Brazilian Portuguese (the original system's language).
public enum Language: String, Sendable, CaseIterable {
    case en
    case ptBR = "pt-BR"

    /// Picks the language from `LC_ALL`, `LC_MESSAGES` or `LANG` (first one set wins, as POSIX says).
    public static func from(environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            let lower = value.lowercased()
            return lower.hasPrefix("pt_br") || lower.hasPrefix("pt-br") ? .ptBR : .en
        }
        return .en
    }
}

/// One user-facing text in every language r2s speaks.
///
/// Modules declare their texts as static members/functions on `LocalizedText` extensions in a
/// `Messages.swift` file of their own, so all wording lives in one catalog per module.
public struct LocalizedText: Sendable, Hashable, ExpressibleByStringLiteral {
    public var en: String
    public var ptBR: String

    public init(en: String, ptBR: String) {
        self.en = en
        self.ptBR = ptBR
    }

    /// A text not (yet) translated: the same string in every language.
    public init(_ text: String) { self.init(en: text, ptBR: text) }
    public init(stringLiteral value: String) { self.init(value) }

    /// A text composed of other texts, built once per language: for a text that quotes another
    /// one (an error's cause), `LocalizedText { LocalizedText.outer(inner.resolve($0)).resolve($0) }`.
    public init(composing make: (Language) -> String) {
        self.init(en: make(.en), ptBR: make(.ptBR))
    }

    public func resolve(_ language: Language) -> String {
        switch language {
        case .en: en
        case .ptBR: ptBR
        }
    }
}
