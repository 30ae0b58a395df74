import ObjectStore
import R2SCore

/// Which of a batch's keys already exist in the bucket, found by listing instead of one HEAD per
/// key: for each folder the batch writes into, one delimiter listing of that folder limited to
/// the byte range the batch's keys span (`startAfter` just below the smallest, stopping past the
/// largest). A batch of a walked folder is a contiguous run of sorted names, so this reads about
/// as many keys as the batch has, whatever else the folder holds.
///
/// A listed key counts when it equals a batch key in NFC (what R2 treats as the same object); a
/// key stored in another Unicode form that sorts outside the range is not seen — the same keys a
/// HEAD of the NFC key would not see on a byte-exact server.
enum ExistingObjects {
    /// The NFC bytes of the keys among `keys` that exist in `store`.
    static func find(_ keys: [String], in store: any ObjectStore) async throws -> Set<[UInt8]> {
        var byFolder: [String: [String]] = [:]
        for key in keys { byFolder[folder(of: key), default: []].append(key) }
        var found = Set<[UInt8]>()
        for (folder, members) in byFolder {
            try Task.checkCancellation()
            let wanted = Set(members.map { Array(KeyMapping.canonicalKey($0).utf8) })
            let sorted = members.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            guard let low = sorted.first, let high = sorted.last else { continue }
            // Any string whose bytes are a proper prefix of `low` sorts before it: drop one character.
            let startAfter = String(low.dropLast())
            let options = ListOptions(
                prefix: folder, delimiter: "/", startAfter: startAfter.utf8.count > folder.utf8.count ? startAfter : nil)
            listing: for try await page in store.list(options) {
                for object in page.objects {
                    if high.utf8.lexicographicallyPrecedes(object.key.utf8) && !isCanonicalVariant(object.key, of: wanted) {
                        break listing
                    }
                    let canonical = Array(KeyMapping.canonicalKey(object.key).utf8)
                    if wanted.contains(canonical) { found.insert(canonical) }
                }
            }
        }
        return found
    }

    /// The folder part of a key: everything up to and including its last `/` (`""` at the root).
    static func folder(of key: String) -> String {
        guard let slash = key.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(key[...slash])
    }

    /// A key past the range that is still one of the batch's keys in another form (an NFD key
    /// sorts after its NFC form): keep reading instead of stopping there.
    private static func isCanonicalVariant(_ key: String, of wanted: Set<[UInt8]>) -> Bool {
        key.utf8.contains { $0 >= 0x80 } && wanted.contains(Array(KeyMapping.canonicalKey(key).utf8))
    }
}
