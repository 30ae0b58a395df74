/// Url → key when one url can name more than one key: the single rule every command uses to tie
/// a catalog row to an object.
///
/// The original app wrote urls by plain concatenation (`base + "/" + key`), so a row for the
/// object `raw/sp ace +plus%25#h?q.txt` holds `…/raw/sp ace +plus%25#h?q.txt`. Decoded, that url
/// names `raw/sp ace +plus%#h?q.txt`; taken literally, the real key. Neither reading is right for
/// every row, so a url names **candidate keys** and the bucket decides:
///
/// 1. the decoded key, in the Unicode form the url spells and in NFC;
/// 2. the raw-literal key (the url path after the base, not decoded), in both forms.
///
/// `choose(_:exists:)` then picks the candidate that exists (in the listing or the bucket):
/// exactly one existing object → that object; none → the row's object is missing (the decoded
/// NFC key names it, as `resolve` does); two different objects → ambiguous, reported and never
/// changed automatically.
extension KeyMapping {
    /// The keys a url may name, or why it names none.
    public enum Candidates: Sendable, Hashable {
        /// Candidate keys, most likely first (decoded before raw, stored form before NFC),
        /// without byte-identical repeats. Never empty.
        case keys([String])
        /// Not under any public base of this bucket.
        case foreign
        /// Under a public base, but no valid key can be read from it.
        case unparseable(UnparseableReason)

        /// The candidate keys (empty for foreign and unparseable urls).
        public var keys: [String] {
            if case .keys(let keys) = self { return keys }
            return []
        }
    }

    /// What a row's url names once the objects that exist are known.
    public enum Match: Sendable, Hashable {
        /// Exactly one candidate exists: this key, as the object store spells it.
        case key(String)
        /// No candidate exists: the row's object is missing; the key it names (decoded, NFC).
        case missing(String)
        /// Several candidates exist as different objects: the row is ambiguous (these keys).
        case ambiguous([String])
        /// Not under any public base of this bucket.
        case foreign
        /// Under a public base, but no valid key can be read from it.
        case unparseable(UnparseableReason)
    }

    /// The candidate keys of `url` (see the type's documentation for the order).
    public func candidates(_ url: String) -> Candidates {
        let decoded = resolve(url)
        guard let parts = URLParts(url) else { return .foreign }
        var out: [String] = []
        var seen: Set<[UInt8]> = []
        func add(_ key: String) {
            guard key.utf8.count <= Self.maxKeyBytes, seen.insert(Array(key.utf8)).inserted else { return }
            out.append(key)
        }
        switch decoded {
        case .foreign: return .foreign
        // A url that does not decode (invalid UTF-8, too long) stays unparseable everywhere, as
        // sync reports it: its literal reading alone is never trusted.
        case .unparseable(let reason): return .unparseable(reason)
        case .key(let canonical):
            // `resolve` gives NFC; the form the url spells comes first (it is what was uploaded).
            if let spelled = decodedKey(parts) { add(spelled) }
            add(canonical)
        }
        if let raw = rawKey(parts) {
            add(raw)
            add(raw.nfc)
        }
        return .keys(out)
    }

    /// Resolves `url` against what exists. `exists` answers for one candidate key with the key as
    /// the store has it (a listing entry or a HEAD), or `nil` when there is no such object.
    public func match(_ url: String, exists: (String) throws -> String?) rethrows -> Match {
        switch candidates(url) {
        case .foreign: return .foreign
        case .unparseable(let reason): return .unparseable(reason)
        case .keys(let keys):
            var found: [String] = []
            for key in keys { if let stored = try exists(key) { found.append(stored) } }
            return Self.choose(keys, found: found)
        }
    }

    /// `match(_:exists:)` for an asynchronous lookup (a HEAD per candidate).
    public func match(_ url: String, exists: (String) async throws -> String?) async rethrows -> Match {
        switch candidates(url) {
        case .foreign: return .foreign
        case .unparseable(let reason): return .unparseable(reason)
        case .keys(let keys):
            var found: [String] = []
            for key in keys { if let stored = try await exists(key) { found.append(stored) } }
            return Self.choose(keys, found: found)
        }
    }

    /// The rule itself: `candidates` in order, `found` the stored keys of those that exist.
    /// Candidates that reach the same object (an NFC and an NFD spelling on R2) count once.
    public static func choose(_ candidates: [String], found: [String]) -> Match {
        var distinct: [String] = []
        var seen: Set<[UInt8]> = []
        for key in found where seen.insert(Array(key.utf8)).inserted { distinct.append(key) }
        switch distinct.count {
        case 0: return .missing((candidates.first ?? "").nfc)
        case 1: return .key(distinct[0])
        default: return .ambiguous(distinct)
        }
    }

    /// The decoded key in the Unicode form the url spells (not normalised), if valid.
    private func decodedKey(_ parts: URLParts) -> String? {
        let path = PercentCoding.decodeLenient(parts.path)
        for base in underBases(parts) {
            let head = base.decodedPath + [UInt8(ascii: "/")]
            guard path.starts(with: head), path.count > head.count else { continue }
            return PercentCoding.string(fromUTF8: Array(path[head.count...]))
        }
        return nil
    }

    /// The url path after the base, taken literally (the original app's `base + "/" + key`).
    private func rawKey(_ parts: URLParts) -> String? {
        for base in underBases(parts) {
            guard let baseParts = URLParts(base.text) else { continue }
            let head = Array(baseParts.path) + [UInt8(ascii: "/")]
            guard parts.path.starts(with: head), parts.path.count > head.count else { continue }
            return PercentCoding.string(fromUTF8: Array(parts.path.dropFirst(head.count)))
        }
        return nil
    }

    private func underBases(_ parts: URLParts) -> [BaseURL] {
        parsedBases.filter { $0.scheme == parts.scheme && $0.authority == parts.authority }
    }
}
