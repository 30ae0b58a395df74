public import Catalog
public import ObjectStore

/// A faithful port of the original web app's "Sincronizar R2" (`sync_with_r2`, shared/seed §3.2),
/// to prove r2s's rows survive it. The algorithm, step by step as the app runs it:
///
/// 1. list every object of the bucket;
/// 2. `r2_urls` = the set of `get_url(key)` of every object;
/// 3. read every active row (before anything is added, so new rows are never removed);
/// 4. for each object, `get_by_path(get_url(key))`; when no row comes back, create one
///    (nome, url, content_type, size — no `tipo_referencia`/`referencia_id`);
/// 5. soft-delete every active row whose `url` is not **exactly** in `r2_urls`.
///
/// `get_by_path` is taken as an exact `url =` match on active rows (a repository with soft
/// deletes filters `deleted_at IS NULL`). `get_url` is the app's, not r2s's: plain
/// concatenation, or Python's `urllib.parse.quote(key, safe='/')` (see `pythonQuote`).
public struct OriginalAppSync: Sendable {
    /// The app's `get_url(key)` variants.
    public enum GetURL: String, Sendable, CaseIterable, CustomStringConvertible {
        /// `base + "/" + key`.
        case concatenation
        /// `base + "/" + urllib.parse.quote(key, safe='/')`.
        case pythonQuote

        public var description: String { rawValue }
    }

    /// What one run changed.
    public struct Result: Sendable, Equatable {
        public var added: Int
        public var removed: Int

        public init(added: Int, removed: Int) {
            self.added = added
            self.removed = removed
        }
    }

    public let base: String
    public let getURL: GetURL

    public init(base: String, getURL: GetURL) {
        self.base = base
        self.getURL = getURL
    }

    /// The app's `get_url(key)`.
    public func url(for key: String) -> String {
        switch getURL {
        case .concatenation: base + "/" + key
        case .pythonQuote: base + "/" + Self.pythonQuote(key, safe: "/")
        }
    }

    /// Python 3.7+'s `urllib.parse.quote(string, safe)`: the string as UTF-8; bytes in
    /// `_ALWAYS_SAFE` (ASCII letters, digits, `_.-~`) or in `safe` stay, every other byte becomes
    /// `%XX` with uppercase hex. Written from Python's documented rules, not from r2s's encoder.
    public static func pythonQuote(_ string: String, safe: String = "/") -> String {
        let alwaysSafe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~".utf8)
        let keep = alwaysSafe.union(safe.utf8)
        var out = ""
        for byte in string.utf8 {
            if keep.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// The file name the app stores as `nome`: the key's last segment.
    static func nome(_ key: String) -> String {
        String(key.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(key))
    }

    /// Runs the app's sync once against `store` and `catalog`.
    public func run(store: any ObjectStore, catalog: any CatalogStore) async throws -> Result {
        let files = try await store.listAll()
        // Python compares code points; Swift's String == would equate NFC and NFD: compare bytes.
        let r2URLs = Set(files.map { Array(url(for: $0.key).utf8) })
        let storageRecords = try await catalog.allRecords(RecordQuery(deleted: .exclude))
        var added = 0
        for file in files {
            let url = url(for: file.key)
            let existing = try await catalog.records(urls: [url]).filter { !$0.isDeleted && $0.url.utf8.elementsEqual(url.utf8) }
            if existing.isEmpty {
                _ = try await catalog.insert([
                    NewRecord(nome: Self.nome(file.key), url: url, contentType: file.contentType, size: file.size)
                ])
                added += 1
            }
        }
        var removed = 0
        for record in storageRecords where !r2URLs.contains(Array(record.url.utf8)) {
            removed += try await catalog.softDelete(ids: [record.id], actor: nil)
        }
        return Result(added: added, removed: removed)
    }
}
