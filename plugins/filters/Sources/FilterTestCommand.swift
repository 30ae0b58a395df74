import ArgumentParser
import Catalog
import ObjectStore
import R2SCore
import Scope
import ScopeCommandLine
import Services

/// `filter test NAME`: what the filter selects in the bucket and in the catalog, with counts.
struct FilterTestCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Show what a filter selects: matching objects and catalog rows, with counts.",
        discussion: """
            Lists the bucket under the filter's prefixes and reads the catalog rows under the
            matching urls, then applies every rule. Objects are typed by extension; rows by
            content_type. Counts cover everything; --limit only shortens the listing.

            EXAMPLES:
              filter test pdfs
              filter test pdfs --on objects --limit 50
              filter test pdfs --json
            """)

    enum Side: String, ExpressibleByArgument, CaseIterable {
        case objects, records, both
    }

    @Argument(help: "The filter's name.")
    var name: String

    @Option(name: .customLong("on"), help: "Which side to test: objects, records or both.")
    var side: Side = .both

    @Option(name: .customLong("limit"), help: "Show at most N matches per side (counts are always complete).")
    var limit: Int = 20

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        let filter = try FilterStore(context: context).require(name)
        let scope = try Scope(layers: [filter.rules], filterNames: [name])
        guard let services = context.module(FiltersModule.self)?.services else {
            throw CommandError(LocalizedText.noServices, status: .config)
        }
        if scope.isEmpty { context.warn(.emptyPrefixes(name)) }
        var report = FilterTestReport(limit: limit)
        if side != .records {
            try await report.scanObjects(try services.objectStore(context), scope: scope)
        }
        if side != .objects {
            try await report.scanRecords(
                try services.catalog(context), mapping: try services.keyMapping(context), scope: scope)
        }
        report.print(in: context, sides: side)
        if report.objectsMatched == 0 && report.recordsMatched == 0 { context.info(.matchesNothing) }
        return .ok
    }

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        if request.option == "--on" { return Side.allCases.map(\.rawValue).filter { $0.hasPrefix(request.prefix) } }
        return FilterNameCompletion.complete(request, in: context)
    }
}
