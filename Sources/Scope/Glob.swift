import ObjectStore

/// A compiled key pattern, with rclone's filter-rule semantics.
///
/// - `*` any run of characters except `/`; `**` any run including `/`; `?` one character
///   except `/`; `[abc]`, `[a-z]`, `[!a-z]`/`[^a-z]` one character of (not of) a class;
///   `{jpg,png}` alternatives; `\x` the character `x` itself.
/// - A pattern starting with `/` is anchored at the start of the key. Any other pattern matches
///   the whole key or any tail of it that starts after a `/`: `*.pdf` matches `a/b/c.pdf`,
///   `fichas/*.pdf` matches `x/fichas/a.pdf` (but not `x/meufichas/a.pdf`).
/// - A pattern ending in `/` names a folder: it matches every key under it (`tmp/` ≡ `tmp/**`).
/// - Keys and patterns compare in NFC; with `ignoreCase` both are lowercased first.
///
/// Matching runs a small NFA over the key's scalars: O(key length × pattern length), no
/// backtracking blow-up.
public struct Glob: Sendable, Hashable {
    /// The pattern as written.
    public let pattern: String
    public let ignoreCase: Bool
    private let alternatives: [[Token]]
    private let anchored: Bool

    enum Token: Sendable, Hashable {
        case literal(Unicode.Scalar)
        case any
        case star
        case doubleStar
        case set([ClosedRange<Unicode.Scalar>], negated: Bool)
    }

    /// Compiles `pattern`; throws `ScopeError.invalidGlob` for malformed classes or braces.
    public init(_ pattern: String, ignoreCase: Bool = false) throws(ScopeError) {
        self.pattern = pattern
        self.ignoreCase = ignoreCase
        var text = pattern.precomposedForMatching(ignoreCase: ignoreCase)
        guard !text.isEmpty else { throw ScopeError(.invalidGlob(pattern, reason: "empty pattern")) }
        // The folder rule first, so `/` (the root folder) becomes `/**` like any `x/` → `x/**`.
        if text.hasSuffix("/") { text += "**" }
        anchored = text.hasPrefix("/")
        if anchored { text.removeFirst() }
        let expanded: [String]
        do {
            expanded = try GlobParser.expandBraces(Array(text.unicodeScalars))
        } catch {
            throw ScopeError(.invalidGlob(pattern, reason: error.reason))
        }
        var alternatives: [[Token]] = []
        for alternative in expanded {
            do {
                alternatives.append(try GlobParser.tokens(Array(alternative.unicodeScalars)))
            } catch {
                throw ScopeError(.invalidGlob(pattern, reason: error.reason))
            }
        }
        self.alternatives = alternatives
    }

    /// True when `key` matches.
    public func matches(_ key: String) -> Bool {
        let scalars = Array(key.precomposedForMatching(ignoreCase: ignoreCase).unicodeScalars)
        return alternatives.contains { Self.run($0, on: scalars, anchored: anchored) }
    }

    /// NFA simulation: `states[i]` = the pattern could be at token `i`.
    private static func run(_ tokens: [Token], on key: [Unicode.Scalar], anchored: Bool) -> Bool {
        let n = tokens.count
        var current = [Bool](repeating: false, count: n + 1)
        var next = current
        func close(_ states: inout [Bool]) {
            // Stars may match nothing: being at a star means also being after it.
            for i in 0..<n where states[i] {
                if case .star = tokens[i] { states[i + 1] = true }
                if case .doubleStar = tokens[i] { states[i + 1] = true }
            }
        }
        current[0] = true
        close(&current)
        for c in key {
            for i in 0..<next.count { next[i] = false }
            for i in 0..<n where current[i] {
                switch tokens[i] {
                case .literal(let l): if l == c { next[i + 1] = true }
                case .any: if c != "/" { next[i + 1] = true }
                case .star: if c != "/" { next[i] = true }
                case .doubleStar: next[i] = true
                case .set(let ranges, let negated):
                    if c != "/", ranges.contains(where: { $0.contains(c) }) != negated { next[i + 1] = true }
                }
            }
            // Unanchored: a match may also start right after any `/`.
            if !anchored && c == "/" { next[0] = true }
            close(&next)
            swap(&current, &next)
        }
        return current[n]
    }
}

extension String {
    /// NFC (keys compare in NFC), lowercased when matching ignores case.
    func precomposedForMatching(ignoreCase: Bool) -> String {
        let s = KeyMapping.canonicalKey(self)
        return ignoreCase ? KeyMapping.canonicalKey(s.lowercased()) : s
    }
}
