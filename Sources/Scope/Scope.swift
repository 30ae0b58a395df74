public import Catalog
public import FoundationEssentials
public import ObjectStore

/// What a command works on: the intersection of one or more rule sets — named filters, inline
/// flags, a command's positional prefix. An object or row is in scope when every layer matches.
///
/// Two sides, one scope: `listPrefixes` and `recordQuery(mapping:)` give a *superset* to fetch
/// cheaply (S3 list prefixes, catalog url prefixes); `matches` decides exactly. Relative ages
/// (`7d`) are fixed against `referenceDate` once, so one run uses one "now" throughout.
public struct Scope: Sendable, Hashable, Codable {
    /// The rule sets, all of which must match.
    public let layers: [FilterRules]
    /// Names of the named filters involved (for messages), in the order given.
    public let filterNames: [String]
    /// "Now" for relative ages.
    public let referenceDate: Date
    private let compiled: [CompiledRules]
    /// The minimal set of S3 list prefixes covering the scope (`[""]` = the whole bucket, `[]` = nothing).
    public let listPrefixes: [String]
    /// The exact folder prefixes of the scope after intersection (`[""]` = whole bucket, `[]` = none).
    public let keyPrefixes: [String]

    /// Builds a scope; throws when a rule is invalid (a bad glob or type).
    public init(layers: [FilterRules], filterNames: [String] = [], referenceDate: Date = Date()) throws(ScopeError) {
        self.layers = layers
        self.filterNames = filterNames
        self.referenceDate = referenceDate
        var compiled: [CompiledRules] = []
        for layer in layers { compiled.append(try CompiledRules(layer, now: referenceDate)) }
        self.compiled = compiled
        keyPrefixes = ScopePrefixes.intersect(compiled.map(\.prefixes))
        listPrefixes = ScopePrefixes.listCover(keyPrefixes)
    }

    /// The whole bucket.
    public static func everything(referenceDate: Date = Date()) -> Scope {
        Scope(unrestricted: referenceDate)
    }

    /// No layers: nothing to validate, so no `throws`.
    private init(unrestricted date: Date) {
        layers = []
        filterNames = []
        referenceDate = date
        compiled = []
        keyPrefixes = [""]
        listPrefixes = [""]
    }

    /// This scope further narrowed by `rules` (intersection).
    public func narrowed(by rules: FilterRules, filterName: String? = nil) throws(ScopeError) -> Scope {
        try Scope(
            layers: layers + [rules], filterNames: filterNames + (filterName.map { [$0] } ?? []),
            referenceDate: referenceDate)
    }

    /// True when nothing narrows the scope (every key, every row).
    public var isUnrestricted: Bool { layers.allSatisfy(\.isEmpty) }

    /// True when the prefixes cannot overlap (e.g. `--filter fichas` with prefix `fotos/`): nothing
    /// can match. Other empty scopes (contradictory sizes) are only found by matching.
    public var isEmpty: Bool { keyPrefixes.isEmpty }

    // MARK: - Matching

    /// Prefixes and globs only: whether a key is in scope regardless of size, type or age.
    public func matchesKey(_ key: String) -> Bool {
        let k = KeyMapping.canonicalKey(key)
        return compiled.allSatisfy { $0.matchesKey(k) }
    }

    /// Whether an object is in scope. Its type is `contentType` if given (a HEAD, `--verify-types`),
    /// else `object.contentType` if set, else guessed from the key's extension.
    public func matches(object: ObjectInfo, contentType: String? = nil) -> Bool {
        matches(object: object, canonicalKey: KeyMapping.canonicalKey(object.key), contentType: contentType)
    }

    /// `matches(object:contentType:)` for a caller that already has the key's NFC form (the sync
    /// engine computes it once per object and keys its index by it).
    public func matches(object: ObjectInfo, canonicalKey: String, contentType: String?) -> Bool {
        let type = contentType ?? object.contentType ?? MediaTypes.type(forKey: object.key)
        return matches(canonicalKey: canonicalKey, contentType: type, size: object.size, date: object.lastModified)
    }

    /// Whether a catalog row, whose url resolved to `key`, is in scope. Its type is `content_type`
    /// (guessed from the key's extension when null), its size `size`, its date `created_at`
    /// (`updated_at` when null).
    public func matches(record: CatalogRecord, key: String) -> Bool {
        matches(record: record, canonicalKey: KeyMapping.canonicalKey(key))
    }

    /// `matches(record:key:)` for a key already in NFC (what `KeyMapping.resolve` returns).
    public func matches(record: CatalogRecord, canonicalKey: String) -> Bool {
        let type = record.contentType ?? MediaTypes.type(forKey: canonicalKey)
        return matches(
            canonicalKey: canonicalKey, contentType: type, size: record.size, date: record.createdAt ?? record.updatedAt)
    }

    /// The one test every `matches` ends in: `canonicalKey` is NFC, `contentType` already decided.
    public func matches(canonicalKey: String, contentType: String, size: Int64?, date: Date?) -> Bool {
        compiled.allSatisfy {
            $0.matchesKey(canonicalKey) && $0.matchesAttributes(contentType: contentType, size: size, date: date)
        }
    }

    // MARK: - Fetching

    /// The catalog read for this scope: rows whose url lies under a list prefix (both url forms,
    /// every base). A superset — refine each row with `mapping.resolve` and `matches(record:key:)`.
    /// Types are not pushed down (a null `content_type` falls back to the extension). For an
    /// empty scope (`isEmpty`) the query still reads rows, none of which match.
    public func recordQuery(mapping: KeyMapping, deleted: RecordQuery.Deleted = .exclude, pageSize: Int = 1000)
        -> RecordQuery
    {
        var urls: [String] = []
        if !listPrefixes.contains("") {
            for prefix in listPrefixes {
                for url in mapping.urlPrefixes(forKeyPrefix: prefix) where !urls.contains(url) { urls.append(url) }
            }
        }
        return RecordQuery(deleted: deleted, urlPrefixes: urls, pageSize: pageSize)
    }

    // MARK: - Codable, Hashable (the compiled form is derived)

    enum CodingKeys: String, CodingKey {
        case layers
        case filterNames = "filter_names"
        case referenceDate = "reference_date"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            layers: c.decode([FilterRules].self, forKey: .layers),
            filterNames: c.decodeIfPresent([String].self, forKey: .filterNames) ?? [],
            referenceDate: c.decode(Date.self, forKey: .referenceDate))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(layers, forKey: .layers)
        try c.encode(filterNames, forKey: .filterNames)
        try c.encode(referenceDate, forKey: .referenceDate)
    }

    public static func == (a: Scope, b: Scope) -> Bool {
        a.layers == b.layers && a.filterNames == b.filterNames && a.referenceDate == b.referenceDate
    }

    public func hash(into h: inout Hasher) {
        h.combine(layers)
        h.combine(filterNames)
        h.combine(referenceDate)
    }
}
