import ArgumentParser
import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore
import Scope
import ScopeCommandLine
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
    func resolve(in context: ShellContext, now: Date) throws -> Scope {
        try filter.resolve(prefixes: prefix.map { [$0] } ?? [], in: context, referenceDate: now)
    }

    /// For the plan header and the report: the folders and the named filters.
    static func describe(_ scope: Scope) -> String {
        var text = scope.keyPrefixes == [""] ? "whole bucket" : scope.keyPrefixes.joined(separator: ", ")
        if !scope.filterNames.isEmpty { text += "; filters " + scope.filterNames.joined(separator: ", ") }
        return text
    }
}
