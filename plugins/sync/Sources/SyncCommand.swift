import ArgumentParser
import FoundationEssentials
import R2SCore
import Scope
import SyncEngine

/// `sync`: reconcile the bucket and the catalog both ways, safely.
struct SyncCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Reconcile the bucket and the catalog: add rows for new files, soft-delete rows whose file is gone.",
        discussion: """
            Reads the bucket listing and the catalog completely (both at once), classifies every \
            key, checks the safety guards, then applies the changes in batches under the \
            catalog's sync lock. Any error while reading means no change at all (exit 3).

            One sync at a time per table, whatever the path (DATABASE_URL, a pooler, Supabase \
            REST): another sync is refused (exit 4) naming the holder and its lease expiry, or \
            waited for with --wait. A lock left by a process that died on this host is taken \
            over at once. On a terminal the question is asked before taking the lock; after a \
            yes the plan is checked again and only what still holds is applied.

            Guards (a refusal changes nothing and exits 4): an empty listing while the catalog \
            has rows (override: --allow-empty); more deletions than --max-delete (default: 10 % \
            of the active rows in scope, or 100 if larger). Files and rows changed within \
            --min-age (default 10m) are left alone. On a terminal, deletions ask for \
            confirmation unless --yes; scripts are never prompted.

            A soft-deleted row whose file exists again is restored (keeping its referencia_id) \
            unless --no-restore. Rows whose url is under neither R2_PUBLIC_URL nor a --url-base \
            are never touched; duplicate rows, size/type mismatches and unreadable urls are \
            reported, never fixed automatically. Running sync twice changes nothing; rerunning \
            after a failure continues where it stopped.

            Log lines go to stderr (2023-07-15 10:15:32 - INFO - …, in Portuguese with \
            LANG=pt_BR); the summary to stdout (--json: one object). See docs/sync.md.

            EXAMPLES:
              sync --dry-run
              sync fichas --type application/pdf  # PDFs under fichas/, not fichas2/
              sync --yes --report sync.csv
              sync --plan fix.r2s                 # review, then: r2s -f fix.r2s
              sync --max-delete 500 --min-age 1h
              sync --url-base https://old-cdn.example.com
              sync --every 15m --report last-sync.json
              sync --yes --wait 10m               # cron: wait for an admin's sync to finish
              sync --dry-run --list-concurrency 1   # one listing page after another
              sync --yes --partition-size 50000     # huge bucket: memory bounded, plan in a temp file
              sync --yes --workers 3              # one run shared by 3 worker processes
              sync --join                         # from another shell: help the run in progress

            With --workers N the scope is split into partitions (the folders directly under it, \
            plus its other keys), N worker processes plan and apply them under leases in the \
            catalog (r2s_sync_runs, r2s_sync_leases: `catalog init --upgrade`), and the guards \
            are decided on the whole run before any change. See docs/scale.md, "Many workers".
            """)

    @OptionGroup var scope: SyncScopeArguments

    @Flag(name: .customLong("dry-run"), help: "Show what would change; change nothing.")
    var dryRun = false

    @Flag(name: [.short, .long], help: "Do not ask before applying deletions on a terminal.")
    var yes = false

    @Option(name: .customLong("max-delete"), help: ArgumentHelp("Refuse when more rows would be soft-deleted: a count or a share of the scoped active rows (50%).", valueName: "N|P%"))
    var maxDelete: String?

    @Option(name: .customLong("min-age"), help: ArgumentHelp("Leave files and rows changed more recently alone.", valueName: "DURATION"))
    var minAge = "10m"

    @Flag(inversion: .prefixedNo, help: "Restore a soft-deleted row whose file exists again (default), or add a new row.")
    var restore = true

    @Flag(name: .customLong("allow-empty"), help: "Sync even when the bucket lists no file in scope while the catalog has rows.")
    var allowEmpty = false

    @Option(help: ArgumentHelp("Write every classified key to this file (.json or .csv).", valueName: "FILE"))
    var report: String?

    @Option(help: ArgumentHelp("Write the changes as a reviewable .r2s script instead of applying them.", valueName: "FILE.r2s"))
    var plan: String?

    @Option(help: ArgumentHelp("Wait up to DURATION for another sync's lock instead of refusing at once.", valueName: "DURATION"))
    var wait: String?

    @Option(help: ArgumentHelp("Run again every DURATION in the foreground (15m, 1h) until Ctrl-C.", valueName: "DURATION"))
    var every: String?

    @Option(name: .customLong("list-concurrency"), help: ArgumentHelp("List the bucket with N streams over key ranges at once (default 8; 1: one page after another).", valueName: "N"))
    var listConcurrency = 8

    @Option(name: .customLong("partition-size"), help: ArgumentHelp("Classify N listed keys at a time, the plan in a temporary file: memory bounded by N, not by the bucket (default: in memory up to 250,000 keys, then partitions of 50,000; see docs/scale.md).", valueName: "N"))
    var partitionSize: Int?

    @Option(help: ArgumentHelp("Share this sync between N worker processes on this machine (docs/scale.md).", valueName: "N"))
    var workers: Int?

    @Flag(help: "Work on the shared sync of this profile and scope that is in progress (started with --workers).")
    var join = false

    @Option(help: ArgumentHelp("How long a worker's claim on a partition lasts without renewal (default 60s); then another process takes the partition over and resumes after its last committed key.", valueName: "DURATION"))
    var lease = "60s"

    @Option(name: .customLong("worker-run"), help: .hidden)
    var workerRun: String?

    func validate() throws {
        if let workers, !(1...64).contains(workers) { throw ValidationError("--workers \(workers): expected 1 to 64") }
        guard let l = DurationText.parse(lease), l >= .seconds(2) else { throw ValidationError("--lease \(lease): expected a duration of at least 2s") }
        if workers != nil || join || workerRun != nil {
            if workers != nil && join { throw ValidationError("--workers starts a run and --join joins one; use one of them") }
            if dryRun || plan != nil || every != nil || report != nil {
                throw ValidationError("--workers and --join cannot be combined with --dry-run, --plan, --every or --report")
            }
        }
        guard (1...64).contains(listConcurrency) else { throw ValidationError("--list-concurrency \(listConcurrency): expected 1 to 64") }
        if let partitionSize, partitionSize < 1 { throw ValidationError("--partition-size \(partitionSize): expected at least 1") }
        if let maxDelete, MaxDelete(parsing: maxDelete) == nil {
            throw ValidationError("--max-delete \(maxDelete): expected a count (500) or a percentage (10%)")
        }
        guard DurationText.parse(minAge) != nil else { throw ValidationError("--min-age \(minAge): expected a duration such as 10m, 1h, 2d") }
        if let every {
            guard let d = DurationText.parse(every), d >= .seconds(1) else {
                throw ValidationError("--every \(every): expected a duration of at least 1s, such as 15m or 1h")
            }
        }
        if let wait, DurationText.parse(wait) == nil {
            throw ValidationError("--wait \(wait): expected a duration such as 30s, 10m, 1h")
        }
        if wait != nil, dryRun || plan != nil { throw ValidationError("--wait has no effect with --dry-run or --plan (they take no lock); drop it") }
        if plan != nil, dryRun { throw ValidationError("--plan already changes nothing; drop --dry-run") }
        if plan != nil, every != nil { throw ValidationError("--plan and --every cannot be combined") }
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        var options = SyncOptions(
            restore: restore, minAge: DurationText.parse(minAge) ?? .seconds(600),
            maxDelete: maxDelete.flatMap(MaxDelete.init(parsing:)) ?? .automatic, allowEmptyBucket: allowEmpty)
        options.listConcurrency = listConcurrency
        options.partitionSize = partitionSize
        if workers != nil || join || workerRun != nil {
            let shared = SyncWorkers(
                context: context, scope: scope, options: options, lockWait: wait.flatMap(DurationText.parse) ?? .zero,
                lease: DurationText.parse(lease) ?? .seconds(60))
            if let workerRun { return try await shared.workerProcess(runID: workerRun) }
            if join { return try await shared.join() }
            return try await shared.plan(workers: workers ?? 1)
        }
        let mode: SyncRunner.Mode = plan.map { .plan($0) } ?? (dryRun ? .dryRun : .apply)
        let runner = SyncRunner(
            context: context, scope: scope, options: options, mode: mode, assumeYes: yes || every != nil, reportPath: report,
            lockWait: wait.flatMap(DurationText.parse) ?? .zero)
        guard let every, let interval = DurationText.parse(every) else { return try await runner.run() }
        return try await SyncSchedule(interval: interval, label: every).run(runner, context: context)
    }
}

/// `--every`: run, log when the next run is, sleep; Ctrl-C cancels the sleep or the run.
struct SyncSchedule {
    var interval: Duration
    var label: String

    func run(_ runner: SyncRunner, context: ShellContext) async throws -> ExitStatus {
        let log = SyncLog(context: context, report: nil)
        while true {
            // A failed or refused run is logged and the schedule goes on, as a cron job would.
            _ = try await runner.run()
            log.info(.syncNextRun(label))
            context.console.flush()
            try await Task.sleep(for: interval)
        }
    }
}
