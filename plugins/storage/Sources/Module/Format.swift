import Catalog
import FoundationEssentials
import R2SCore
import Scope

/// How the storage commands print sizes, dates and references: for people in tables, exact in
/// JSON/CSV (bytes as numbers, timestamps as ISO 8601 UTC).
enum Format {
    /// `1536` → `1.5 KiB`; below 1 KiB `N B` (the filters' formatter, so sizes read the same everywhere).
    static func humanSize(_ bytes: Int64) -> String { ByteSize.format(bytes) }

    /// A size cell: human in tables, bytes elsewhere.
    static func size(_ bytes: Int64?, _ format: OutputFormat) -> OutputValue {
        guard let bytes else { return .null }
        return format == .table ? .string(humanSize(bytes)) : .int(bytes)
    }

    /// A date cell: `2026-01-31 14:05` (UTC) in tables, full ISO 8601 UTC elsewhere.
    static func date(_ date: Date?, _ format: OutputFormat) -> OutputValue {
        guard let date else { return .null }
        let iso = CatalogTimestamp.format(date)
        guard format == .table else { return .string(iso) }
        return .string(String(iso.prefix(16)).replacing("T", with: " "))
    }

    /// A row's reference as `tipo:uuid` (or just one side when the other is null).
    static func referencia(_ record: CatalogRecord?) -> String? {
        guard let record else { return nil }
        switch (record.tipoReferencia, record.referenciaId) {
        case (nil, nil): return nil
        case (let tipo?, nil): return tipo
        case (nil, let id?): return ":" + id.uuidString.lowercased()
        case (let tipo?, let id?): return tipo + ":" + id.uuidString.lowercased()
        }
    }

    static func uuid(_ id: UUID?) -> OutputValue {
        id.map { .string($0.uuidString.lowercased()) } ?? .null
    }

    /// One word of the `.r2s` language that reads back as `text` exactly (for the "run this to
    /// fix it" lines): bare when safe, else single-quoted with `'\''` for a quote.
    static func word(_ text: String) -> String {
        let safe = !text.isEmpty && text.unicodeScalars.allSatisfy { s in
            (s.value >= 0x30 && s.value <= 0x39) || (s.value | 0x20 >= 0x61 && s.value | 0x20 <= 0x7A)
                || "/._-:@+=,".unicodeScalars.contains(s)
        }
        if safe { return text }
        return "'" + text.replacing("'", with: "'\\''") + "'"
    }

    /// The last path segment of a key (`fichas/a b.pdf` → `a b.pdf`); the key itself when it ends
    /// with `/`.
    static func lastSegment(_ key: String) -> String {
        guard let slash = key.lastIndex(of: "/"), key.index(after: slash) != key.endIndex else { return key }
        return String(key[key.index(after: slash)...])
    }

    /// A folder prefix with exactly one trailing `/` (`fichas` → `fichas/`; empty stays empty).
    static func folder(_ prefix: String) -> String {
        guard !prefix.isEmpty else { return "" }
        return prefix.hasSuffix("/") ? prefix : prefix + "/"
    }
}
