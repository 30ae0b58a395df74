public import FoundationEssentials
public import ObjectStore

/// A profile's trash, ready to use: the store its copies live in and the two server-side copies
/// between it and the main bucket. Built by the wiring (`TrashServices`), which knows the
/// concrete stores; commands only see this.
public struct Trash: Sendable {
    /// A server-side copy `(from key, to key)` between the main bucket and the trash.
    public typealias Copy = @Sendable (_ source: String, _ destination: String) async throws -> Void

    /// Where it is (for messages, `trash ls`, `doctor`).
    public let location: TrashLocation
    /// The store holding the copies (the trash bucket, or the main bucket unfiltered, or the folder).
    public let store: any ObjectStore
    private let copyIn: Copy
    private let copyOut: Copy

    /// `copyIn` copies a main-bucket key to a trash key; `copyOut` a trash key back to a main key.
    public init(location: TrashLocation, store: any ObjectStore, copyIn: @escaping Copy, copyOut: @escaping Copy) {
        self.location = location
        self.store = store
        self.copyIn = copyIn
        self.copyOut = copyOut
    }

    /// Copies `key` into the trash (server-side) under a name that keeps the key, `date` and
    /// `rowID`; returns the entry. Throws when the copy fails: the caller must then not delete.
    public func put(_ key: String, rowID: UUID?, at date: Date) async throws -> TrashEntry {
        let trashKey = TrashName.make(prefix: location.prefix, key: key, deletedAt: date, rowID: rowID)
        try await copyIn(key, trashKey)
        // Parsed back so the entry carries the time as it is stored (microseconds).
        return TrashName.parse(trashKey, prefix: location.prefix)
            ?? TrashEntry(key: key, deletedAt: date, rowID: rowID, trashKey: trashKey)
    }

    /// Copies a trashed copy back to `key` in the main bucket (server-side).
    public func bringBack(_ entry: TrashEntry, to key: String) async throws {
        try await copyOut(entry.trashKey, key)
    }

    /// The trashed copies whose original key starts with `keyPrefix`, page by page (keys that
    /// r2s did not write are skipped).
    public func entries(keyPrefix: String) -> AsyncThrowingStream<[TrashEntry], any Error> {
        let prefix = location.prefix
        let pages = store.list(ListOptions(prefix: prefix + keyPrefix))
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await page in pages {
                        let entries = page.objects.compactMap { object -> TrashEntry? in
                            guard var entry = TrashName.parse(object.key, prefix: prefix),
                                entry.key.utf8.starts(with: keyPrefix.utf8)
                            else { return nil }
                            entry.size = object.size
                            return entry
                        }
                        continuation.yield(entries)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Every trashed copy of exactly `key`, newest first.
    public func entries(of key: String) async throws -> [TrashEntry] {
        let prefix = location.prefix
        var out: [TrashEntry] = []
        for try await page in store.list(ListOptions(prefix: TrashName.listPrefix(prefix: prefix, key: key))) {
            for object in page.objects {
                guard var entry = TrashName.parse(object.key, prefix: prefix), entry.key.utf8.elementsEqual(key.utf8)
                else { continue }
                entry.size = object.size
                out.append(entry)
            }
        }
        return out.sorted { $0.deletedAt > $1.deletedAt }
    }

    /// Deletes trashed copies for good (DeleteObjects batches); returns the per-key failures.
    public func remove(_ entries: [TrashEntry]) async throws -> [KeyFailure] {
        try await store.delete(keys: entries.map(\.trashKey))
    }
}
