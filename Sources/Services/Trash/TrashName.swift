import Catalog
public import FoundationEssentials

/// One trashed copy: the original key, when it was deleted, the row it belonged to, and the key
/// of the copy in the trash.
public struct TrashEntry: Sendable, Hashable {
    /// The key the object had in the main bucket.
    public var key: String
    /// When `rm` trashed it (UTC, microseconds).
    public var deletedAt: Date
    /// The catalog row it belonged to, when it had one.
    public var rowID: UUID?
    /// The copy's key in the trash store (the trash prefix included).
    public var trashKey: String
    /// Size in bytes, when known (from a listing).
    public var size: Int64?

    public init(key: String, deletedAt: Date, rowID: UUID?, trashKey: String, size: Int64? = nil) {
        self.key = key
        self.deletedAt = deletedAt
        self.rowID = rowID
        self.trashKey = trashKey
        self.size = size
    }
}

/// How a trashed copy is named: `PREFIX` + original key + `~r2s-trash~` + UTC time + `~` + row
/// id (or `-`). The original key comes first so the copies of one key are one listing prefix
/// (`restore KEY`, `trash ls fichas/`); time and row id make two deletions of the same key two
/// names; no `/` is added, so a trashed `fichas` and a trashed `fichas/a.pdf` never collide as
/// file and folder in a local trash. Parsed from the end, so a key that itself contains the
/// marker still reads back as itself.
public enum TrashName {
    /// Separates the original key from the deletion facts.
    public static let marker = "~r2s-trash~"

    /// The trash key of `key` deleted at `date` from row `rowID`, under `prefix`.
    public static func make(prefix: String, key: String, deletedAt date: Date, rowID: UUID?) -> String {
        prefix + key + marker + CatalogTimestamp.format(date) + "~" + (rowID?.uuidString.lowercased() ?? "-")
    }

    /// The listing prefix of every trashed copy of exactly `key` (may also list copies of a key
    /// that starts with `key` + marker: `parse` tells them apart).
    public static func listPrefix(prefix: String, key: String) -> String {
        prefix + key + marker
    }

    /// Reads a trash key back; `nil` for anything r2s did not write (left alone by every command).
    public static func parse(_ trashKey: String, prefix: String) -> TrashEntry? {
        guard trashKey.utf8.starts(with: prefix.utf8) else { return nil }
        let name = String(decoding: trashKey.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
        // `~<time>~<row>` at the end: the row part is `-` or a uuid, and neither part has a `~`.
        let parts = name.split(separator: "~", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[parts.count - 3] == "r2s-trash" else { return nil }
        let rowPart = parts[parts.count - 1]
        let timePart = parts[parts.count - 2]
        let key = parts[..<(parts.count - 3)].joined(separator: "~")
        guard !key.isEmpty, let date = CatalogTimestamp.parse(String(timePart)) else { return nil }
        var rowID: UUID?
        if rowPart != "-" {
            guard let id = UUID(uuidString: String(rowPart)) else { return nil }
            rowID = id
        }
        return TrashEntry(key: key, deletedAt: date, rowID: rowID, trashKey: trashKey)
    }
}
