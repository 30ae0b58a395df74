import FoundationEssentials
import Catalog
import ObjectStore
import R2SCore
import Synchronization

/// TAB completion of keys, folder prefixes and row ids, cached per session and profile.
///
/// Keys come from the bucket one folder at a time (a delimited listing of the folder being
/// typed, at most `maxEntries`), so completing `fichas/2026/` never lists the whole bucket. Row
/// ids come from the catalog's first `maxIDs` active rows, and only once something that looks
/// like the start of a uuid is typed. Commands that change the bucket drop the cache.
enum Completion {
    static let maxEntries = 5000
    static let maxIDs = 20_000

    /// Keys, folders and (for hex-looking words) ids for a positional ID|KEY argument.
    static func keysAndIDs(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        guard request.option == nil else { return [] }
        let keys = await entries(request.prefix, foldersOnly: false, in: context)
        let ids = looksLikeIDStart(request.prefix) ? await ids(request.prefix, in: context) : []
        return keys + ids
    }

    /// Folder prefixes (ending in `/`) for `--to` and `ls PREFIX`.
    static func prefixes(_ typed: String, in context: ShellContext) async -> [String] {
        await entries(typed, foldersOnly: true, in: context)
    }

    /// Row ids starting with `typed`.
    static func ids(_ typed: String, in context: ShellContext) async -> [String] {
        let cache = context.session.cached(idsSlot(context)) { IDCache() }
        if cache.ids.withLock({ $0 == nil }) {
            guard let catalog = try? StorageAccess(context).catalog() else { return [] }
            var ids: [String] = []
            do {
                for try await page in catalog.records(RecordQuery()) {
                    ids += page.map { $0.id.uuidString.lowercased() }
                    if ids.count >= maxIDs { break }
                }
            } catch {
                return []
            }
            cache.ids.withLock { $0 = ids }
        }
        let lower = typed.lowercased()
        return (cache.ids.withLock { $0 } ?? []).filter { $0.hasPrefix(lower) }
    }

    /// Forgets cached keys and ids (after upload, rm, mv, restore).
    static func invalidate(_ context: ShellContext) {
        context.session.invalidate(keysSlot(context))
        context.session.invalidate(idsSlot(context))
    }

    private static func entries(_ typed: String, foldersOnly: Bool, in context: ShellContext) async -> [String] {
        let folder: String
        if let slash = typed.lastIndex(of: "/") { folder = String(typed[...slash]) } else { folder = "" }
        let cache = context.session.cached(keysSlot(context)) { KeyCache() }
        var listing = cache.folders.withLock { $0[folder] }
        if listing == nil {
            guard let store = try? StorageAccess(context).store() else { return [] }
            var found: [String] = []
            do {
                for try await page in store.list(ListOptions(prefix: folder, delimiter: "/")) {
                    found += page.commonPrefixes.map { Entry.folder($0).text }
                    found += page.objects.map { Entry.key($0.key).text }
                    if found.count >= maxEntries { break }
                }
            } catch {
                return []
            }
            cache.folders.withLock { $0[folder] = found }
            listing = found
        }
        return (listing ?? []).filter { entry in
            entry.utf8.starts(with: typed.utf8) && (!foldersOnly || entry.hasSuffix("/"))
        }
    }

    private enum Entry {
        case folder(String), key(String)
        var text: String {
            switch self {
            case .folder(let p): p.hasSuffix("/") ? p : p + "/"
            case .key(let k): k
            }
        }
    }

    private static func looksLikeIDStart(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 36 && text.allSatisfy { $0.isHexDigit || $0 == "-" }
    }

    private static func keysSlot(_ context: ShellContext) -> String { "storage.completion.keys.\(context.profile.name)" }
    private static func idsSlot(_ context: ShellContext) -> String { "storage.completion.ids.\(context.profile.name)" }
}

/// Listings per folder for completion.
final class KeyCache: Sendable {
    let folders = Mutex<[String: [String]]>([:])
}

/// Row ids for completion (`nil` until first read).
final class IDCache: Sendable {
    let ids = Mutex<[String]?>(nil)
}
