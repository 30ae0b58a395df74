import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore
import Services
import Scope
import SyncEngine

/// One run of `sync` or `check`: builds the engine from the module's services, runs it, logs
/// in the original's format, writes the report/plan, prints the summary, picks the exit status.
struct SyncRunner {
    enum Mode: Sendable, Equatable {
        /// Apply (under the lock, after the guards and the confirmation).
        case apply
        /// `--dry-run`: plan and show.
        case dryRun
        /// `--plan FILE`: write the plan as a script.
        case plan(String)
        /// `check`: read-only, exit 6 on drift.
        case check
    }

    var context: ShellContext
    var scope: SyncScopeArguments
    var options: SyncOptions
    var mode: Mode
    var assumeYes = false
    var reportPath: String?
    /// `--wait`: how long to wait for another sync's lock.
    var lockWait: Duration = .zero
    /// `check --list`: the items to print instead of (JSON/CSV) or before (table) the summary.
    var listing: CheckListing?

    /// The catalog's url style is learnt by reading rows (`R2S_URL_STYLE=auto`): a catalog that
    /// cannot be read there is the same failure as the main read, said the same way (exit 3,
    /// "nothing was changed"), not a bare store error.
    private func writeMapping(_ services: any StorageServices, log: SyncLog) async throws -> KeyMapping {
        do {
            return try await services.writeMapping(context, note: { [log] in log.info($0) })
        } catch let error as CatalogError {
            throw SyncError.catalogFailed(cause: error)
        }
    }

    /// Runs once; only cancellation (Ctrl-C) is thrown, everything else becomes a status.
    func run() async throws -> ExitStatus {
        var report: SyncReportFile?
        var log = SyncLog(context: context, report: nil)
        do {
            let secrets = context.session.secrets
            report = try reportPath.map { try SyncReportFile(path: $0, scrub: { secrets.scrub($0) }) }
            log = SyncLog(context: context, report: report, listing: listing)
            var options = self.options
            options.now = Date()
            let services = try SyncModule.services(in: context)
            // Additions are written in the catalog's url style; `check` writes nothing.
            let base = mode == .check
                ? try services.keyMapping(context) : try await writeMapping(services, log: log)
            let mapping = base.adding(alternateBases: scope.urlBases)
            let resolved = try scope.resolve(in: context, now: options.now)
            let engine = SyncEngine(
                objectStore: try services.objectStore(context), catalog: try services.catalog(context),
                mapping: mapping, scope: resolved)
            options.verifyTypes = scope.verifyTypes
            options.dryRun = mode != .apply
            options.actor = try context.catalogActor()
            options.lockWait = lockWait
            let observer: @Sendable (SyncEvent) -> Void = { [log] in log.handle($0) }
            let result: SyncResult
            if mode == .apply {
                let confirm = confirmation(log)
                // A person may be asked: plan without the lock, take it only after the answer.
                let interactive = !assumeYes && context.console.isInteractive && context.console.isTerminal
                result = try await engine.sync(options, observer: observer, confirm: confirm, interactive: interactive)
            } else {
                result = try await engine.plan(options, observer: observer)
            }
            try report?.commit(header: reportHeader(result, engine: engine, scope: resolved, started: options.now))
            if let reportPath, let report { log.info(.syncReportWritten(reportPath, report.count)) }
            return try finish(result, engine: engine, scope: resolved, log: log)
        } catch let error as CancellationError {
            throw error
        } catch let error as SyncError {
            // The log may be a file read by others: no secret of the session in it.
            let secrets = context.session.secrets
            log.error(.syncError(secrets.scrub(error.localizedMessage(context.language))))
            if let hint = error.localizedHint(context.language) { log.hint(LocalizedText(secrets.scrub(hint))) }
            return error.exitStatus
        } catch let error as any UserFacingError {
            let secrets = context.session.secrets
            log.error(.syncError(secrets.scrub(error.localizedMessage(context.language))))
            if let hint = error.localizedHint(context.language) { log.hint(LocalizedText(secrets.scrub(hint))) }
            return error.exitStatus
        } catch {
            log.error(.syncError("internal error (\(type(of: error)))"))
            return .failure
        }
    }

    /// On a terminal, deletions wait for a "yes" unless `--yes`; scripts are never prompted
    /// (the guards already ran).
    private func confirmation(_ log: SyncLog) -> @Sendable (SyncResult) async -> Bool {
        let console = context.console, language = context.language, yes = assumeYes
        return { result in
            guard !yes, !result.plan.removals.isEmpty, console.isInteractive, console.isTerminal else { return true }
            let p = result.plan
            let question = LocalizedText.syncConfirm(added: p.additions.count, removed: p.removals.count, restored: p.restorations.count)
            return console.confirm(question.resolve(language))
        }
    }

    private func finish(_ result: SyncResult, engine: SyncEngine, scope: Scope, log: SyncLog) throws -> ExitStatus {
        let s = result.summary
        if !scope.isUnrestricted, s.objects == 0, s.records == 0 {
            log.warning(.syncScopeEmpty)
        }
        if s.young > 0 { log.info(.syncYoung(s.young, minAge: DurationText.format(options.minAge))) }
        if s.duplicates > 0 { log.warning(.syncDuplicates(s.duplicates)) }
        if s.mismatched > 0 { log.warning(.syncMismatched(s.mismatched)) }
        if s.foreign > 0 { log.info(.syncForeign(s.foreign)) }
        if s.unparseable > 0 { log.warning(.syncUnparseable(s.unparseable)) }
        if s.conflicts > 0 { log.warning(.syncConflicts(s.conflicts)) }
        if s.ambiguous > 0 { log.warning(.syncAmbiguous(s.ambiguous)) }
        if s.keptOut > 0 { log.info(.syncKeptOut(s.keptOut)) }
        if let example = s.dotSegmentExample { log.warning(.syncDotSegments(s.dotSegments, example: example)) }

        var status = ExitStatus.ok
        if let refusal = result.refusal {
            // `check` reports what sync would refuse; its status stays "drift".
            let text = LocalizedText(en: refusal.localizedMessage(.en), ptBR: refusal.localizedMessage(.ptBR))
            log.log(mode == .check ? .warning : .error, text)
            if let hint = refusal.localizedHint(context.language) { log.hint(LocalizedText(hint)) }
            if mode != .check { status = .refused }
        }
        let p = result.plan
        switch mode {
        case .apply:
            if result.declined {
                log.info(.cancelledNothingChanged)
                status = .refused
            } else if result.refusal == nil {
                log.info(.syncFinished(added: s.added, removed: s.removed, restored: s.restored))
            }
        case .dryRun:
            for a in p.additions { log.info(.syncWouldAdd(nome: a.record.nome, url: a.record.url)) }
            for r in p.restorations { log.info(.syncWouldRestore(nome: r.nome, url: r.url)) }
            for r in p.removals { log.info(.syncWouldRemove(nome: r.nome, url: r.url)) }
            log.info(.syncDryRunFinished(added: s.added, removed: s.removed, restored: s.restored))
        case .plan(let path):
            try SyncPlanFile.write(p, to: path, header: planHeader(engine, scope), urlBases: self.scope.urlBases)
            log.info(.syncPlanWritten(path, p.changeCount))
        case .check:
            if s.hasDrift {
                log.warning(.syncCheckDrift(p.changeCount))
                status = .drift
            } else if s.young > 0 {
                // Not "agree": something is waiting for --min-age (docs/exit-codes.md, status 7).
                log.warning(.syncCheckPending(s.young, minAge: DurationText.format(options.minAge)))
                status = .pending
            } else {
                log.info(.syncCheckClean)
            }
        }
        if let listing {
            // One document on stdout for --json/--csv: the items; the counts are in the log.
            listing.print(in: context)
            if context.format == .table { printSummary(result) }
        } else {
            printSummary(result)
        }
        return status
    }

    private func planHeader(_ engine: SyncEngine, _ scope: Scope) -> [String] {
        [
            "r2s sync plan, written \(SyncLog.timestamp(Date())) by `sync --plan`",
            "profile: \(context.profile.name)",
            "bucket: \(engine.objectStore.displayName)",
            "catalog: \(engine.catalog.displayName)",
            "scope: \(SyncScopeArguments.describe(scope))",
        ]
    }

    private func printSummary(_ result: SyncResult) {
        context.summary(summaryFields(result))
    }

    /// The summary's fields: printed, and the `counts` of a report's header.
    func summaryFields(_ result: SyncResult) -> [(String, OutputValue)] {
        var s = result.summary
        if mode == .apply, !result.applied {
            // Refused or declined: the counts say what was done, which is nothing.
            (s.added, s.removed, s.restored) = (0, 0, 0)
        }
        var fields: [(String, OutputValue)] = [
            ("objects", .number(s.objects)), ("records", .number(s.records)), ("added", .number(s.added)),
            ("removed", .number(s.removed)), ("restored", .number(s.restored)), ("unchanged", .number(s.unchanged)),
            ("foreign", .number(s.foreign)), ("duplicates", .number(s.duplicates)), ("mismatched", .number(s.mismatched)),
            ("young", .number(s.young)), ("unparseable", .number(s.unparseable)), ("conflicts", .number(s.conflicts)),
            ("ambiguous", .number(s.ambiguous)), ("kept_out", .number(s.keptOut)), ("errors", .number(s.errors)),
            ("dot_segments", .number(s.dotSegments)), ("dry_run", .bool(s.dryRun)),
        ]
        // Only when it happened: a server that lost keys from a range listing (the rows were kept).
        if s.listingMissed > 0 { fields.append(("listing_missed", .number(s.listingMissed))) }
        let refused: OutputValue =
            switch result.refusal {
            case .emptyBucket: "empty_bucket"
            case .tooManyDeletes: "max_delete"
            case nil: result.declined ? "declined" : .null
            }
        if refused != .null || context.format != .table { fields.append(("refused", refused)) }
        return fields
    }
}
