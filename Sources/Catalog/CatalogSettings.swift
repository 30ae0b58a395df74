public import UserFacing

/// The settings every catalog backend shares: which table, and who writes (`R2S_ACTOR`).
/// Each backend reads its own connection settings beside its store (`PostgresSettings`,
/// `PostgRESTSettings`, `SQLiteSettings`).
public struct CatalogSettings: Sendable, Equatable {
    /// The catalog table (default `storage`; `schema.table` allowed).
    public var table: String
    /// The uuid written to `created_by`/`updated_by` (lowercase), if set.
    public var actor: String?

    /// Reads and validates `R2S_TABLE` and `R2S_ACTOR`.
    ///
    /// - Throws: `ConfigError(.invalidValue)` naming the bad variable and its origin.
    public init(_ values: SettingValues) throws {
        table = values.trimmed("R2S_TABLE") ?? "storage"
        guard Self.isTableName(table) else {
            throw values.invalid("R2S_TABLE", "is not a table name", "não é um nome de tabela", example: "storage or public.storage")
        }
        actor = values.trimmed("R2S_ACTOR")?.lowercased()
        if let actor, !Self.isUUID(actor) {
            throw values.invalid("R2S_ACTOR", "is not a uuid", "não é um uuid", example: "your user's uuid (8-4-4-4-12 hex digits)")
        }
    }

    /// `name` or `schema.name`, each an SQL identifier that needs no quoting.
    static func isTableName(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { part in
            guard let first = part.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
            return part.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        }
    }

    /// 8-4-4-4-12 hexadecimal digits.
    public static func isUUID(_ s: String) -> Bool {
        let groups = s.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
