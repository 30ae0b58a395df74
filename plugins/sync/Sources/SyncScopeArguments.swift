import ArgumentParser
import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore
import Scope
import SyncEngine

/// The scope flags `sync` and `check` share: a folder, the filters module's flags (`--filter`,
/// `--type`, `--include`, …), older url bases and HEAD-verified types.
struct SyncScopeArguments: ParsableArguments {
    @Argument(help: "Only keys under this folder (`fichas` means `fichas/`, never `fichas2/`).")
    var prefix: String?

    @OptionGroup var filter: ScopeOptions

    @Option(
        name: .customLong("url-base"),
        help: ArgumentHelp("An older public base whose row urls also belong to this bucket; repeatable.", valueName: "OLD_BASE"))
    var urlBases: [String] = []

    @Flag(
        name: .customLong("verify-types"),
        help: "Take objects' content types from HEAD (16 at a time) instead of the extension table.")
    var verifyTypes = false

    func validate() throws {
        for b in urlBases where !(b.hasPrefix("http://") || b.hasPrefix("https://")) {
            throw ValidationError("--url-base \(b): expected an http(s) url")
        }
    }

    /// The scope these flags describe, with the profile's named filters.
    func resolve(in context: ShellContext, now: Date) throws -> SyncScopeAdapter {
        SyncScopeAdapter(try filter.resolve(prefixes: prefix.map { [$0] } ?? [], in: context, referenceDate: now))
    }
}

/// The filters module's `Scope` as the engine's `SyncScope` (a thin adapter).
struct SyncScopeAdapter: SyncScope {
    let scope: Scope

    init(_ scope: Scope) {
        self.scope = scope
    }

    var listPrefixes: [String] { scope.listPrefixes }
    var isUnrestricted: Bool { scope.isUnrestricted }
    func matches(object: ObjectInfo, contentType: String?) -> Bool { scope.matches(object: object, contentType: contentType) }
    func matches(record: CatalogRecord, key: String) -> Bool { scope.matches(record: record, key: key) }

    /// For the plan header: the folders and the named filters.
    var description: String {
        var text = scope.keyPrefixes == [""] ? "whole bucket" : scope.keyPrefixes.joined(separator: ", ")
        if !scope.filterNames.isEmpty { text += "; filters " + scope.filterNames.joined(separator: ", ") }
        return text
    }
}
