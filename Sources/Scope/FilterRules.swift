import ObjectStore

/// The rules of one filter: what a named filter stores and what inline flags give. Every rule
/// kind that is set must match (AND); within prefixes and within types any one may match (OR);
/// globs are evaluated in order, first match wins.
public struct FilterRules: Sendable, Hashable, Codable {
    /// Folders (`fichas` ≡ `fichas/`); empty = the whole bucket.
    public var prefixes: [String]
    /// Exact types or families (`application/pdf`, `image/*`), normalised by `validated()`.
    public var types: [String]
    /// Include/exclude globs on the key, in evaluation order.
    public var globs: [GlobRule]
    /// Globs ignore case.
    public var ignoreCase: Bool
    /// Smallest size in bytes (inclusive).
    public var minSize: Int64?
    /// Largest size in bytes (inclusive).
    public var maxSize: Int64?
    /// Only objects modified (rows created) at or after this point.
    public var newerThan: TimeBound?
    /// Only objects modified (rows created) before this point.
    public var olderThan: TimeBound?

    public init(
        prefixes: [String] = [], types: [String] = [], globs: [GlobRule] = [], ignoreCase: Bool = false,
        minSize: Int64? = nil, maxSize: Int64? = nil, newerThan: TimeBound? = nil, olderThan: TimeBound? = nil
    ) {
        self.prefixes = prefixes
        self.types = types
        self.globs = globs
        self.ignoreCase = ignoreCase
        self.minSize = minSize
        self.maxSize = maxSize
        self.newerThan = newerThan
        self.olderThan = olderThan
    }

    /// True when no rule is set (matches everything).
    public var isEmpty: Bool {
        prefixes.isEmpty && types.isEmpty && globs.isEmpty && minSize == nil && maxSize == nil && newerThan == nil
            && olderThan == nil
    }

    /// Checks every rule and normalises types (`pdf` → `application/pdf`, `IMAGE/*` → `image/*`).
    public func validated() throws(ScopeError) -> FilterRules {
        var copy = self
        copy.types = try types.map(Self.normalizeType)
        for rule in globs { _ = try Glob(rule.pattern, ignoreCase: ignoreCase) }
        return copy
    }

    /// A prefix as a folder: leading `/` removed, `/` appended; `""` (whole bucket) for `""` and `/`.
    public static func normalizePrefix(_ prefix: String) -> String {
        var p = Substring(KeyMapping.canonicalKey(prefix))
        while p.hasPrefix("/") { p = p.dropFirst() }
        if p.isEmpty { return "" }
        return p.hasSuffix("/") ? String(p) : String(p) + "/"
    }

    /// `application/pdf`, `image/*`, `*/*` as given (lowercased); a bare extension (`pdf`, `.JPG`)
    /// becomes its type from `MediaTypes`.
    public static func normalizeType(_ text: String) throws(ScopeError) -> String {
        let t = text.trimmingASCIISpaces().lowercased()
        if t.contains("/") {
            guard MediaTypes.isValidPattern(t) else { throw ScopeError(.invalidType(text)) }
            return MediaTypes.essence(t)
        }
        guard let type = MediaTypes.type(forExtension: t) else { throw ScopeError(.invalidType(text)) }
        return type
    }

    // MARK: - Codable (compact: unset rules are left out of the file)

    enum CodingKeys: String, CodingKey {
        case prefixes, types, globs
        case ignoreCase = "ignore_case"
        case minSize = "min_size"
        case maxSize = "max_size"
        case newerThan = "newer_than"
        case olderThan = "older_than"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        prefixes = try c.decodeIfPresent([String].self, forKey: .prefixes) ?? []
        types = try c.decodeIfPresent([String].self, forKey: .types) ?? []
        globs = try c.decodeIfPresent([GlobRule].self, forKey: .globs) ?? []
        ignoreCase = try c.decodeIfPresent(Bool.self, forKey: .ignoreCase) ?? false
        minSize = try c.decodeIfPresent(Int64.self, forKey: .minSize)
        maxSize = try c.decodeIfPresent(Int64.self, forKey: .maxSize)
        newerThan = try c.decodeIfPresent(TimeBound.self, forKey: .newerThan)
        olderThan = try c.decodeIfPresent(TimeBound.self, forKey: .olderThan)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if !prefixes.isEmpty { try c.encode(prefixes, forKey: .prefixes) }
        if !types.isEmpty { try c.encode(types, forKey: .types) }
        if !globs.isEmpty { try c.encode(globs, forKey: .globs) }
        if ignoreCase { try c.encode(true, forKey: .ignoreCase) }
        try c.encodeIfPresent(minSize, forKey: .minSize)
        try c.encodeIfPresent(maxSize, forKey: .maxSize)
        try c.encodeIfPresent(newerThan, forKey: .newerThan)
        try c.encodeIfPresent(olderThan, forKey: .olderThan)
    }
}
