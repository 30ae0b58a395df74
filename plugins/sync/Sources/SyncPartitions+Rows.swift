import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore
import SyncEngine
import Synchronization

/// Which catalog rows each partition reads, so that every row is read once per run in the
/// normal case: a folder partition reads the rows under its url prefixes; a root partition reads
/// the rows under its own prefixes **except** those under its child partitions' url prefixes
/// (their exact encoded and raw spellings: a cut-down prefix would leave out rows of the root's
/// own keys).
extension SyncPartitions {
    /// The url prefixes a partition's catalog read leaves out: for a root, the encoded and the
    /// raw spelling of every partition under it, under every url base (`docs/a b/` →
    /// `…/docs/a%20b/` and `…/docs/a b/`); nothing for a folder partition. Every url starting
    /// with one of them is read by that child (its url prefixes are a cut of both spellings).
    func excludedURLPrefixes(of prefix: String, mapping: KeyMapping) -> [String] {
        guard roots.contains(prefix) else { return [] }
        let bases = mapping.urlPrefixes(forKeyPrefix: "")
        var out: [String] = []
        for child in SyncEngine.listPrefixes(all.filter { $0.hasPrefix(prefix) && $0 != prefix }) {
            for base in bases {
                for spelling in [base + KeyMapping.encodePath(child), base + child] where !out.contains(spelling) {
                    out.append(spelling)
                }
            }
        }
        return out
    }
}

/// The keys that rows read by one partition may name in another partition that never reads
/// those rows (a url `x%2Fy.pdf` read by the root names `x/y.pdf` in `x/`; a url under
/// `docs/a%20b/` read by `docs/a b/` names the raw key `docs/a%20b/…` of the root). No partition
/// adds a row for such a key: the row that names it is decided by a single-process sync. Noted
/// while the engine reads the rows (`LeaseGuardedCatalog.rowsRead`), so no second read.
final class StrayKeyCollector: Sendable {
    private let partitions: SyncPartitions
    private let own: String
    private let mapping: KeyMapping
    /// Per partition: the url prefixes it reads (nil: every row) and those it leaves out.
    private let reads: [String: (included: [String]?, excluded: [String])]
    private let found = Mutex<Set<String>>([])
    private let read = Atomic<Int>(0)

    /// Rows seen so far.
    var rowsRead: Int { read.load(ordering: .relaxed) }

    init(partitions: SyncPartitions, own: String, mapping: KeyMapping) {
        self.partitions = partitions
        self.own = own
        self.mapping = mapping
        var reads: [String: (included: [String]?, excluded: [String])] = [:]
        for p in partitions.all {
            reads[p] = (p.isEmpty ? nil : mapping.urlPrefixes(forKeyPrefix: p), partitions.excludedURLPrefixes(of: p, mapping: mapping))
        }
        self.reads = reads
    }

    /// Notes the stray keys of one page of rows read by `own`.
    func note(_ rows: [CatalogRecord]) {
        read.add(rows.count, ordering: .relaxed)
        var strays: [String] = []
        for row in rows {
            for key in mapping.candidates(row.url).keys {
                guard let owner = partitions.partition(of: key), owner != own, !isRead(row.url, by: owner) else { continue }
                strays.append(KeyMapping.canonicalKey(key))
            }
        }
        if !strays.isEmpty { found.withLock { $0.formUnion(strays) } }
    }

    /// True when `owner`'s catalog read returns a row with this url.
    private func isRead(_ url: String, by owner: String) -> Bool {
        guard let read = reads[owner] else { return false }
        if let included = read.included, !included.contains(where: { url.utf8.starts(with: $0.utf8) }) { return false }
        return !read.excluded.contains { url.utf8.starts(with: $0.utf8) }
    }

    /// Forgets what was noted: the engine dropped an in-memory read past its threshold and
    /// reads the partition again to plan it in sub-partitions.
    func restart() {
        read.store(0, ordering: .relaxed)
        found.withLock { $0 = [] }
    }

    /// The keys noted, sorted; throws when there are more than a run keeps.
    func strays() throws -> [String] {
        let keys = found.withLock { $0 }
        if keys.count > SyncPartitions.maxStrays {
            throw CommandError(.workersTooManyStrays(SyncPartitions.maxStrays), hint: .workersTooManyStraysHint)
        }
        return keys.sorted()
    }
}
