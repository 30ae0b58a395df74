#if canImport(Glibc)
import Glibc
#endif
import Catalog
import FoundationEssentials
import R2SCore
import SyncEngine
import Synchronization

/// The sync log: lines in the original app's format, `YYYY-MM-DD HH:MM:SS - LEVEL - message`
/// (local time), on stderr so stdout stays for the summary / `--json`. On a terminal the reading
/// and apply progress is a transient status line instead of log lines.
final class SyncLog: Sendable {
    enum Level: String, Sendable {
        case info = "INFO"
        case warning = "WARNING"
        case error = "ERROR"
    }

    private let console: any Console
    private let language: Language
    private let quiet: Bool
    private let report: SyncReportFile?
    private let listing: CheckListing?
    /// The catalog table's name, as the original's "registros ativos na tabela storage" names it.
    private let table: String
    private let lastStatus = Mutex(ContinuousClock.now - .seconds(1))

    init(context: ShellContext, report: SyncReportFile?, listing: CheckListing? = nil) {
        self.listing = listing
        console = context.console
        language = context.language
        quiet = context.quiet
        self.report = report
        table = (try? context.profileDescription())?.table ?? "storage"
    }

    /// Writes one log line (`-q` keeps warnings and errors only).
    func log(_ level: Level, _ text: LocalizedText) {
        if quiet && level == .info { return }
        console.writeErrorLine(Self.timestamp(Date()) + " - " + level.rawValue + " - " + text.resolve(language))
    }

    func info(_ text: LocalizedText) { log(.info, text) }
    func warning(_ text: LocalizedText) { log(.warning, text) }
    func error(_ text: LocalizedText) { log(.error, text) }

    /// A plain continuation line (the hint after an error), prefixed like the renderer's hints.
    func hint(_ text: LocalizedText) {
        console.writeErrorLine(LocalizedText.hintPrefix.resolve(language) + " " + text.resolve(language))
    }

    /// Progress on a terminal, at most ten updates a second.
    func status(_ text: LocalizedText, force: Bool = false) {
        guard !quiet, console.isTerminal else { return }
        let now = ContinuousClock.now
        let due = lastStatus.withLock { last -> Bool in
            guard force || now - last >= .milliseconds(100) else { return false }
            last = now
            return true
        }
        if due { console.status(text.resolve(language)) }
    }

    /// The engine's observer.
    func handle(_ event: SyncEvent) {
        switch event {
        case .reading(let objects, let rows): status(.syncReadProgress(objects: objects, records: rows))
        case .pageListed: break
        case .verifyingTypes(let done, let total): status(.syncHeadProgress(done, total), force: done == total)
        case .read(let objects, let records):
            info(.syncFoundObjects(objects))
            info(.syncFoundRecords(records, table: table))
        case .item(let item):
            report?.add(item)
            listing?.add(item)
        case .planned: break
        case .added(let batch): for a in batch { info(.syncRecordAdded(nome: a.record.nome, url: a.record.url)) }
        case .removed(let batch): for r in batch { info(.syncRecordRemoved(nome: r.nome, url: r.url)) }
        case .restored(let batch): for r in batch { info(.syncRecordRestored(nome: r.nome, url: r.url)) }
        case .applying(let done, let total): status(.syncApplyProgress(done, total), force: done == total)
        case .sizeColumnTooSmall(let count): warning(.syncSizeColumnTooSmall(count))
        case .lock(let text): warning(text)
        case .replanned(let c): warning(.syncReplanned(dropped: c.dropped, appeared: c.appeared))
        case .listingOutOfOrder(let prefix): warning(.syncListingOutOfOrder(prefix: prefix))
        case .listingMissed(let keys): warning(.syncListingMissed(keys.count, example: keys.first ?? ""))
        case .partitioned(let partitions, let changes): info(.syncPartitioned(partitions, changes: changes))
        }
    }

    /// `2023-07-15 10:15:32` in local time.
    static func timestamp(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&t, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : String(v) }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }
}
