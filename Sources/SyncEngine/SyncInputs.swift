public import Catalog
public import ObjectStore

/// What a catalog row's `url` turns out to be, as far as sync is concerned.
public enum KeyResolution: Sendable, Hashable {
    /// The row points at this object key of the bucket (canonical, NFC).
    case key(String)
    /// The url is under no base of this bucket: never touched.
    case foreign
    /// The url is under a base of this bucket but cannot be read as a key.
    case unparseable(reason: String)
}

/// The URL⇄key mapping sync needs. The storage layer's `KeyMapping` adopts this through a thin
/// adapter, so the engine stays testable with a fake and independent of how urls are spelled.
public protocol SyncKeyMapping: Sendable {
    /// The url r2s writes for a new row of `key`.
    func url(for key: String) -> String
    /// Reads a row's url back (encoded or raw form, any configured base).
    func resolve(_ url: String) -> KeyResolution
    /// Url prefixes (every base, encoded and raw spelling) covering the keys under `prefix`.
    func urlPrefixes(forKeyPrefix prefix: String) -> [String]
    /// Every spelling a row may hold for `key` (encoded and raw, every base), for exact look-ups.
    func urlForms(for key: String) -> [String]
    /// The form keys compare in (NFC). Listing keys go through this before matching rows.
    func canonicalKey(_ key: String) -> String
    /// Every key a row's url may name (decoded and raw-literal; `KeyMapping.candidates`): the
    /// listing picks the one that exists (`KeyMapping.choose`).
    func candidates(_ url: String) -> KeyMapping.Candidates
}

extension SyncKeyMapping {
    /// Only the resolved key, for mappings that spell every url one way.
    public func candidates(_ url: String) -> KeyMapping.Candidates {
        switch resolve(url) {
        case .key(let key): .keys([key])
        case .foreign: .foreign
        case .unparseable: .keys([])
        }
    }
}

/// Which keys a sync covers. Applied to **both** sides: an object or row outside it is never
/// changed. The filters module's `Scope` adopts this through a thin adapter.
public protocol SyncScope: Sendable {
    /// Key prefixes to list (each already ends at a folder boundary, e.g. `fichas/`); `[""]` for
    /// the whole bucket, `[]` when the scope cannot match anything.
    var listPrefixes: [String] { get }
    /// True when nothing narrows the scope (the whole bucket, every type).
    var isUnrestricted: Bool { get }
    /// Whether a listed object is in scope; `contentType` comes from the extension table or HEAD.
    func matches(object: ObjectInfo, contentType: String?) -> Bool
    /// Whether a row (already resolved to `key`) is in scope.
    func matches(record: CatalogRecord, key: String) -> Bool
}

/// Content type of a key from its extension (the storage layer's media type table).
public typealias MediaTypeLookup = @Sendable (_ key: String) -> String?
