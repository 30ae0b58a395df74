/// A validated catalog table name (default `storage`), safe to put in SQL and URL paths.
///
/// Only `[A-Za-z_][A-Za-z0-9_]*` (≤ 63 bytes, PostgreSQL's limit) is accepted, so the name can be
/// double-quoted in SQL and used as a PostgREST path segment without any escaping surprises.
public struct CatalogTable: Sendable, Hashable, CustomStringConvertible {
    /// The default table name of the original system.
    public static let defaultName = "storage"

    /// The bare name.
    public let name: String

    /// Validates `name`.
    public init(_ name: String = CatalogTable.defaultName) throws(CatalogError) {
        let bytes = Array(name.utf8)
        func isStart(_ b: UInt8) -> Bool { b == UInt8(ascii: "_") || (b | 0x20) >= 97 && (b | 0x20) <= 122 }
        func isPart(_ b: UInt8) -> Bool { isStart(b) || b >= 48 && b <= 57 }
        guard let first = bytes.first, bytes.count <= 63, isStart(first), bytes.allSatisfy(isPart) else {
            throw CatalogError.invalid(
                "invalid catalog table name '\(name.prefix(80))'",
                ptBR: "nome de tabela de catálogo inválido '\(name.prefix(80))'",
                hint: "use letters, digits and _ (e.g. storage)")
        }
        self.name = name
    }

    /// The name quoted for SQL (`"storage"`).
    public var quoted: String { "\"" + name + "\"" }

    /// The name quoted for use inside another identifier (`"storage_url_idx"`).
    public func quoted(suffix: String) -> String { "\"" + name + suffix + "\"" }

    public var description: String { name }
}
