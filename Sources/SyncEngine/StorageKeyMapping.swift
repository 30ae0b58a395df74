public import ObjectStore

/// The storage layer's `KeyMapping` as the engine's `SyncKeyMapping` (a thin adapter: the
/// engine keeps its own small protocol so it can be tested with any mapping).
public struct StorageKeyMapping: SyncKeyMapping {
    public let mapping: KeyMapping

    public init(_ mapping: KeyMapping) {
        self.mapping = mapping
    }

    public func url(for key: String) -> String { mapping.url(for: key) }

    public func resolve(_ url: String) -> KeyResolution {
        switch mapping.resolve(url) {
        case .key(let key): .key(key)
        case .foreign: .foreign
        case .unparseable(let reason): .unparseable(reason: reason.description)
        }
    }

    public func urlPrefixes(forKeyPrefix prefix: String) -> [String] { mapping.urlPrefixes(forKeyPrefix: prefix) }
    public func urlForms(for key: String) -> [String] { mapping.urlForms(for: key) }
    public func canonicalKey(_ key: String) -> String { KeyMapping.canonicalKey(key) }
    public func candidates(_ url: String) -> KeyMapping.Candidates { mapping.candidates(url) }
}
