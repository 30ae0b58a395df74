public import FoundationEssentials

/// A filter saved under a name in a profile (`filter add pdfs --type pdf`).
public struct NamedFilter: Sendable, Hashable, Codable {
    public var name: String
    public var description: String?
    public var rules: FilterRules
    public var createdAt: Date
    public var updatedAt: Date

    public init(name: String, description: String? = nil, rules: FilterRules, createdAt: Date = Date(), updatedAt: Date? = nil) {
        self.name = name
        self.description = description
        self.rules = rules
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    enum CodingKeys: String, CodingKey {
        case name, description, rules
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// Names are 1–64 of `[A-Za-z0-9._-]`, starting with a letter or digit: safe as words in a
    /// script, in TAB completion and in messages.
    public static func validate(name: String) throws(ScopeError) {
        let bytes = Array(name.utf8)
        let ok =
            !bytes.isEmpty && bytes.count <= 64 && isAlnum(bytes[0])
            && bytes.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
        guard ok else { throw ScopeError(.invalidName(name)) }
    }

    private static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
    }
}
