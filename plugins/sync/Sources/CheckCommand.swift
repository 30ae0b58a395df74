import ArgumentParser
import R2SCore
import Scope
import SyncEngine

/// `check`: the sync engine, read-only; exit 6 when bucket and catalog disagree.
struct CheckCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare the bucket and the catalog without changing anything (exit 6 on drift).",
        discussion: """
            Runs the same reading and classification as `sync` and reports what sync would do, \
            plus the problems sync never fixes by itself (duplicate rows, size/type mismatches, \
            unreadable urls, keys present in two Unicode spellings) and whether sync's guards \
            would refuse. Takes no lock and changes nothing.

            Exit: 0 in agreement, 6 drift, 7 only pending drift (younger than --min-age: \
            check again later), 3 read/connection error.

            EXAMPLES:
              check
              check fichas --type 'image/*'
              check --json  # one summary object, for monitoring
              check --report drift.csv
              check --list missing-rows     # the objects without a row
              check fichas --list all --csv
            """)

    @OptionGroup var scope: SyncScopeArguments

    @Option(name: .customLong("min-age"), help: ArgumentHelp("Leave files and rows changed more recently out.", valueName: "DURATION"))
    var minAge = "10m"

    @Option(name: .customLong("max-delete"), help: ArgumentHelp("The deletion cap sync would apply (reported as a refusal).", valueName: "N|P%"))
    var maxDelete: String?

    @Flag(inversion: .prefixedNo, help: "Count soft-deleted rows whose file exists again as restores (default) or as additions.")
    var restore = true

    @Option(help: ArgumentHelp("Write every classified key to this file (.json or .csv).", valueName: "FILE"))
    var report: String?

    @Option(
        help: ArgumentHelp(
            "List these items, not only the counts: missing-rows, missing-objects, mismatched, orphans or all (repeatable).",
            valueName: "WHICH"))
    var list: [String] = []

    @Option(name: .customLong("list-concurrency"), help: ArgumentHelp("List the bucket with N streams over key ranges at once (default 8; 1: one page after another).", valueName: "N"))
    var listConcurrency = 8

    func validate() throws {
        guard (1...64).contains(listConcurrency) else { throw ValidationError("--list-concurrency \(listConcurrency): expected 1 to 64") }
        if let bad = CheckListing.invalid(list) {
            throw ValidationError("--list \(bad): expected \(CheckListing.Selection.names.joined(separator: ", "))")
        }
        guard DurationText.parse(minAge) != nil else { throw ValidationError("--min-age \(minAge): expected a duration such as 10m, 1h, 2d") }
        if let maxDelete, MaxDelete(parsing: maxDelete) == nil {
            throw ValidationError("--max-delete \(maxDelete): expected a count (500) or a percentage (10%)")
        }
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        var options = SyncOptions(
            restore: restore, minAge: DurationText.parse(minAge) ?? .seconds(600),
            maxDelete: maxDelete.flatMap(MaxDelete.init(parsing:)) ?? .automatic)
        options.listConcurrency = listConcurrency
        var runner = SyncRunner(context: context, scope: scope, options: options, mode: .check, reportPath: report)
        if !list.isEmpty {
            let secrets = context.session.secrets
            runner.listing = CheckListing(list, scrub: { secrets.scrub($0) })
        }
        return try await runner.run()
    }
}

extension CheckCommand {
    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        guard request.option == "--list" else { return [] }
        return CheckListing.Selection.names.filter { $0.hasPrefix(request.prefix) }
    }
}

extension ExitStatus {
    /// `check`: no drift older than `--min-age`, but younger items wait (docs/exit-codes.md).
    static let pending = ExitStatus(7)
}
