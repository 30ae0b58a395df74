import Catalog
import R2SCore
import FoundationEssentials
import ObjectStore
import Scope
import SyncEngine

/// The partitions of a shared run: the folders a delimiter listing finds directly under each
/// list prefix of the scope (`docs/a/`, `docs/b/`, …), plus the list prefix itself for every
/// other key (the keys directly under it, and folders that appear after planning). Together they
/// cover the scope exactly: a key is in the folder partition its first segment names, or in
/// its root's partition. Each is reconciled as a scoped sync (docs/scale.md, "Many workers").
struct SyncPartitions: Sendable {
    /// The scope's list prefixes (`""` for the whole bucket).
    var roots: [String]
    /// Every partition: the roots and the folders found under them.
    var all: [String]

    /// `all` as a set, for the per-key lookups.
    private let members: Set<String>

    init(roots: [String], all: [String]) {
        self.roots = roots
        self.all = all
        members = Set(all)
    }

    /// One delimiter listing per root; then, while there are fewer than `target` folder
    /// partitions, every folder with sub-folders is split again (at most three levels): it becomes
    /// a root (its own keys) and its sub-folders become partitions. A bucket whose objects all sit
    /// under one folder (`docs/f00/…`, `docs/f01/…`) is thus split at `docs/fNN/`.
    static func find(roots: [String], in store: any ObjectStore, target: Int = 16) async throws -> SyncPartitions {
        var allRoots = roots
        var folders: [String] = []
        for root in roots { folders += try await subfolders(of: root, in: store) }
        var level = 0
        while folders.count < target, level < 3 {
            level += 1
            var next: [String] = []
            var split = false
            for folder in folders {
                let children = try await subfolders(of: folder, in: store)
                if children.isEmpty {
                    next.append(folder)
                } else {
                    allRoots.append(folder)
                    next += children
                    split = true
                }
            }
            folders = next
            if !split { break }
        }
        let all = Array(Set(allRoots + folders)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return SyncPartitions(roots: allRoots.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, all: all)
    }

    /// The folders directly under `prefix` (one delimiter listing).
    private static func subfolders(of prefix: String, in store: any ObjectStore) async throws -> [String] {
        var out: [String] = []
        for try await page in store.list(ListOptions(prefix: prefix, delimiter: "/")) {
            out += page.commonPrefixes.filter { $0.hasPrefix(prefix) && $0 != prefix }
        }
        return out
    }

    /// The partitions strictly under `root` (folders and nested roots): what its own partition leaves out.
    private func under(_ root: String) -> Set<String> {
        Set(all.filter { $0.hasPrefix(root) && $0 != root })
    }

    /// The partition `key` belongs to (nil: outside every root).
    func partition(of key: String) -> String? {
        guard let root = roots.filter({ key.hasPrefix($0) }).max(by: { $0.utf8.count < $1.utf8.count }) else { return nil }
        let rest = key.utf8.dropFirst(root.utf8.count)
        if let slash = rest.firstIndex(of: UInt8(ascii: "/")) {
            let folder = root + String(decoding: rest[...slash], as: UTF8.self)
            if members.contains(folder) { return folder }
        }
        return root
    }

    /// The scope of one partition: the run's scope narrowed to the folder, or, for a root, to the
    /// root without the folders that are partitions of their own.
    func scope(of prefix: String, in base: Scope) throws -> Scope {
        if !roots.contains(prefix) { return try base.narrowed(by: FilterRules(prefixes: [prefix])) }
        let excluded = under(prefix).sorted().map { GlobRule(.exclude, "/" + Self.escapeGlob($0)) }
        return try base.narrowed(by: FilterRules(prefixes: prefix.isEmpty ? [] : [prefix], globs: excluded))
    }

    /// The store a partition's engine lists: the bucket itself for a folder; for a root, only
    /// the keys directly under it and the folders that are not partitions (`RootListingStore`).
    func objectStore(for prefix: String, base: any ObjectStore) -> any ObjectStore {
        guard roots.contains(prefix) else { return base }
        return RootListingStore(base: base, root: prefix, skip: under(prefix))
    }

    /// The plan of one partition without the soft-deletes another partition could contradict:
    /// a row is soft-deleted only when **every** candidate key of its url (decoded and raw, NFC
    /// and as spelled) lies in this partition, so no listing but this partition's could hold its
    /// object. The others are counted and left for a single-process sync.
    func keepingOwnRemovals(_ planned: BoundedPlan, partition own: String, mapping: KeyMapping) throws -> (BoundedPlan, crossed: Int) {
        let out = try planned.filtered(removals: { change in
            let keys = mapping.candidates(change.url).keys
            return !keys.isEmpty && keys.allSatisfy { self.partition(of: $0) == own }
        })
        return (out, planned.removals - out.removals)
    }

    /// The most stray keys a run keeps; more and the run stops (a single-process sync handles it).
    static let maxStrays = 10_000

    static func escapeGlob(_ text: String) -> String {
        var out = ""
        for c in text {
            if "*?[]{}\\".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
