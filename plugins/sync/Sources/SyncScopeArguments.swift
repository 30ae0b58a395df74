import ArgumentParser
import Catalog
import ObjectStore
import R2SCore
import SyncEngine

/// The scope flags `sync` and `check` share.
struct SyncScopeArguments: ParsableArguments {
    @Argument(help: "Only keys under this folder (`fichas` means `fichas/`, never `fichas2/`).")
    var prefix: String?

    @Option(name: .customLong("type"), help: ArgumentHelp("Only this content type or family (`application/pdf`, `image/*`); repeatable.", valueName: "MIME"))
    var types: [String] = []

    @Option(name: .customLong("url-base"), help: ArgumentHelp("An older public base whose row urls also belong to this bucket; repeatable.", valueName: "OLD_BASE"))
    var urlBases: [String] = []

    @Flag(name: .customLong("verify-types"), help: "Take objects' content types from HEAD (concurrent) instead of the extension table.")
    var verifyTypes = false

    func validate() throws {
        for t in types where !MediaTypes.isValidPattern(t) {
            throw ValidationError("--type \(t): expected a content type such as application/pdf or a family such as image/*")
        }
        for b in urlBases where !(b.hasPrefix("http://") || b.hasPrefix("https://")) {
            throw ValidationError("--url-base \(b): expected an http(s) url")
        }
    }

    /// The scope these flags describe.
    var scope: BasicScope { BasicScope(prefix: prefix ?? "", types: types) }
}

/// Prefix (at a folder boundary) and content types, applied to objects and rows alike.
struct BasicScope: SyncScope {
    /// The folder, ending in `/`, or empty for the whole bucket.
    let folder: String
    let types: [String]

    init(prefix: String, types: [String]) {
        let trimmed = String(prefix.drop(while: { $0 == "/" }))
        folder = trimmed.isEmpty || trimmed.hasSuffix("/") ? trimmed : trimmed + "/"
        self.types = types.map { $0.lowercased() }
    }

    var listPrefixes: [String] { [folder] }
    var needsContentType: Bool { !types.isEmpty }
    var isUnrestricted: Bool { folder.isEmpty && types.isEmpty }

    func matches(object: ObjectInfo, contentType: String?) -> Bool { matches(key: object.key, type: contentType) }
    func matches(record: CatalogRecord, key: String) -> Bool { matches(key: key, type: record.contentType) }

    private func matches(key: String, type: String?) -> Bool {
        guard folder.isEmpty || key.hasPrefix(folder) else { return false }
        guard !types.isEmpty else { return true }
        guard let type else { return false }
        return types.contains { MediaTypes.matches(type, pattern: $0) }
    }

    var description: String {
        var parts: [String] = []
        parts.append(folder.isEmpty ? "whole bucket" : folder)
        if !types.isEmpty { parts.append("types " + types.joined(separator: ",")) }
        return parts.joined(separator: ", ")
    }
}
