import FoundationEssentials
import ObjectStore

/// One `FilterRules` ready to match: prefixes normalised, globs compiled, ages turned into instants.
struct CompiledRules: Sendable {
    /// Folder prefixes in NFC with a trailing `/`; empty = everything.
    let prefixes: [String]
    let types: [String]
    let globs: [(action: GlobRule.Action, glob: Glob)]
    let hasInclude: Bool
    let minSize: Int64?
    let maxSize: Int64?
    let newerThan: Date?
    let olderThan: Date?

    init(_ rules: FilterRules, now: Date) throws(ScopeError) {
        let valid = try rules.validated()
        let normalised = valid.prefixes.map(FilterRules.normalizePrefix)
        // A whole-bucket prefix among several makes the union the whole bucket.
        prefixes = normalised.contains("") ? [] : normalised
        types = valid.types
        var globs: [(GlobRule.Action, Glob)] = []
        for rule in valid.globs { globs.append((rule.action, try Glob(rule.pattern, ignoreCase: valid.ignoreCase))) }
        self.globs = globs
        hasInclude = valid.globs.contains { $0.action == .include }
        minSize = valid.minSize
        maxSize = valid.maxSize
        newerThan = valid.newerThan?.instant(now: now)
        olderThan = valid.olderThan?.instant(now: now)
    }

    /// Prefixes and globs: the part of the rules that depends on the key alone. `key` is NFC.
    func matchesKey(_ key: String) -> Bool {
        if !prefixes.isEmpty && !prefixes.contains(where: { key.utf8.starts(with: $0.utf8) }) { return false }
        for (action, glob) in globs where glob.matches(key) { return action == .include }
        return !hasInclude  // rclone: any include rule implies "exclude everything else"
    }

    /// Type, size and age. Unknown values (a row without size or date) never satisfy a bound.
    func matchesAttributes(contentType: String?, size: Int64?, date: Date?) -> Bool {
        if !types.isEmpty {
            guard let contentType, types.contains(where: { MediaTypes.matches(contentType, pattern: $0) }) else {
                return false
            }
        }
        if minSize != nil || maxSize != nil {
            guard let size else { return false }
            if let minSize, size < minSize { return false }
            if let maxSize, size > maxSize { return false }
        }
        if newerThan != nil || olderThan != nil {
            guard let date else { return false }
            if let newerThan, date < newerThan { return false }
            if let olderThan, date >= olderThan { return false }
        }
        return true
    }
}
