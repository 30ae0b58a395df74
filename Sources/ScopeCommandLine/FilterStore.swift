import FoundationEssentials
public import R2SCore
public import Scope

/// The named filters of one profile, in `<XDG config>/r2s/filters/<profile>.json`.
///
/// Every change reads the file, applies the change and replaces the file atomically (temp file
/// + fsync + rename, mode 0600 in a 0700 folder), so a crash or a full disk never leaves a
/// half-written file and a restart sees exactly the last saved state. Two shells editing
/// filters of one profile at the same instant may lose one of the two edits (last writer wins).
public struct FilterStore: Sendable {
    /// The JSON file.
    public let path: String
    /// The profile the filters belong to.
    public let profile: String

    /// The store of `profile` under `configDirectory` (`Paths.config`).
    public init(configDirectory: String, profile: String) {
        self.profile = profile
        // Profile names are normally plain words; anything else is percent-encoded so it stays one file name.
        let file = profile.isEmpty ? "%" : PercentEncodedName.encode(profile)
        path = configDirectory + "/filters/" + file + ".json"
    }

    /// The active profile's store.
    public init(context: ShellContext) {
        self.init(configDirectory: context.session.paths.config, profile: context.profile.name)
    }

    /// The file's format: a version and the filters sorted by name.
    struct File: Codable {
        var version: Int
        var filters: [NamedFilter]
    }

    static let version = 1

    /// All filters, sorted by name; `[]` when the file does not exist.
    public func load() throws(ScopeError) -> [NamedFilter] {
        guard let data = try AtomicFile.read(path) else { return [] }
        do {
            let file = try Self.decoder.decode(File.self, from: data)
            guard file.version <= Self.version else {
                throw ScopeError(.unreadable(path: path, detail: "written by a newer r2s (version \(file.version))"))
            }
            return file.filters.sorted { $0.name < $1.name }
        } catch let e as ScopeError {
            throw e
        } catch {
            throw ScopeError(.unreadable(path: path, detail: "not a valid filters file"))
        }
    }

    /// The filter called `name`, or `nil`.
    public func filter(named name: String) throws(ScopeError) -> NamedFilter? {
        try load().first { $0.name == name }
    }

    /// The filter called `name`, or `ScopeError.notFound`.
    public func require(_ name: String) throws(ScopeError) -> NamedFilter {
        guard let f = try filter(named: name) else { throw ScopeError(.notFound(name: name, profile: profile)) }
        return f
    }

    /// Names only (for TAB completion and `filter ls`); `[]` when unreadable.
    public func names() -> [String] { ((try? load()) ?? []).map(\.name) }

    /// Adds a new filter; throws `.exists` if the name is taken.
    public func add(_ filter: NamedFilter) throws(ScopeError) {
        try NamedFilter.validate(name: filter.name)
        var all = try load()
        guard !all.contains(where: { $0.name == filter.name }) else { throw ScopeError(.exists(name: filter.name)) }
        all.append(filter)
        try write(all)
    }

    /// Replaces the filter with the same name (it must exist).
    public func replace(_ filter: NamedFilter) throws(ScopeError) {
        var all = try load()
        guard let i = all.firstIndex(where: { $0.name == filter.name }) else {
            throw ScopeError(.notFound(name: filter.name, profile: profile))
        }
        all[i] = filter
        try write(all)
    }

    /// Removes a filter; returns false when there was none by that name.
    @discardableResult
    public func remove(named name: String) throws(ScopeError) -> Bool {
        var all = try load()
        guard let i = all.firstIndex(where: { $0.name == name }) else { return false }
        all.remove(at: i)
        try write(all)
        return true
    }

    private func write(_ filters: [NamedFilter]) throws(ScopeError) {
        let file = File(version: Self.version, filters: filters.sorted { $0.name < $1.name })
        let data: Data
        do {
            data = try Self.encoder.encode(file)
        } catch {
            throw ScopeError(.unwritable(path: path, detail: "cannot encode"))
        }
        try AtomicFile.write(Array(data) + [UInt8(ascii: "\n")], to: path)
    }

    private static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }

    private static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}

/// File names from arbitrary text: unreserved characters kept, everything else `%XX`.
enum PercentEncodedName {
    static func encode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            let keep = (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 45 || b == 95
                || (b == 46 && !out.isEmpty)
            if keep {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
            }
        }
        return out
    }
}
