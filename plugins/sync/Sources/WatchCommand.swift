import ArgumentParser
import EventQueue
import FoundationEssentials
import R2SCore
import Scope
import SyncEngine

/// `watch`: keep the catalog in step with the bucket from R2 event notifications (issue 18).
struct WatchCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Keep the catalog in step with the bucket continuously, from R2 event notifications on a Cloudflare Queue.",
        discussion: """
            Pulls R2 event notifications (object-create, object-delete) from the queue named by \
            R2S_QUEUE_ID (HTTP pull consumer; CLOUDFLARE_API_TOKEN with Queues read + write, \
            R2_ACCOUNT_ID), and for each batch makes the catalog match what a HEAD of each key \
            says, by sync's own rules, under the catalog's sync lock; then acks the batch. An \
            event only says which key to look at, so duplicated, late or reordered events never \
            roll a row back. Events for another bucket or outside the scope are acked and \
            counted, never applied; a body that is not an R2 event is reported and left to the \
            queue's retry and dead-letter policy.

            Runs until Ctrl-C; with --drain it stops once a pull brings nothing new and prints a \
            summary (exit 5 when a message was left unacked). A pull or ack error backs off and \
            retries; a refused token stops with exit 3. --reconcile-every runs a full sync of \
            the scope on that period, as the safety net for lost events. Log lines follow the \
            sync log's format.

            It needs a Cloudflare Queue fed by the bucket's event notifications, so its             examples (`watch --drain`, `watch fichas --reconcile-every 24h`, a systemd unit)             live in docs/watch.md with the Cloudflare set-up, not here: the local profile has             no queue to run them against.
            """)

    @OptionGroup var scope: SyncScopeArguments

    @Option(help: ArgumentHelp("Messages per pull (1–100).", valueName: "N"))
    var batch = 100

    @Option(help: ArgumentHelp("How long pulled messages stay leased before the queue delivers them again.", valueName: "DURATION"))
    var visibility = "2m"

    @Option(name: .customLong("reconcile-every"), help: ArgumentHelp("Also run a full sync of the scope this often (24h).", valueName: "DURATION"))
    var reconcileEvery: String?

    @Option(name: .customLong("min-age"), help: ArgumentHelp("Leave keys changed more recently alone and look again later (when the app writes its own rows).", valueName: "DURATION"))
    var minAge = "0s"

    @Option(help: ArgumentHelp("Wait up to DURATION for a running sync's lock before each batch.", valueName: "DURATION"))
    var wait = "1h"

    @Flag(help: "Stop once a pull brings no message this run has not seen, and print a summary.")
    var drain = false

    func validate() throws {
        guard (1...100).contains(batch) else { throw ValidationError("--batch \(batch): expected 1 to 100 (the queue's limit)") }
        guard let v = DurationText.parse(visibility), v >= .seconds(1), v <= .seconds(12 * 3600) else {
            throw ValidationError("--visibility \(visibility): expected a duration from 1s to 12h, such as 2m")
        }
        guard DurationText.parse(minAge) != nil else { throw ValidationError("--min-age \(minAge): expected a duration such as 0s, 2m") }
        guard DurationText.parse(wait) != nil else { throw ValidationError("--wait \(wait): expected a duration such as 10m, 1h") }
        if let reconcileEvery {
            guard let d = DurationText.parse(reconcileEvery), d >= .seconds(1) else {
                throw ValidationError("--reconcile-every \(reconcileEvery): expected a duration of at least 1s, such as 24h")
            }
        }
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        let settings = WatchSettings(
            batch: batch, visibility: DurationText.parse(visibility) ?? .seconds(120),
            minAge: DurationText.parse(minAge) ?? .zero, lockWait: DurationText.parse(wait) ?? .seconds(3600),
            reconcileEvery: reconcileEvery.flatMap(DurationText.parse), drain: drain)
        return try await WatchLoop(context: context, scope: scope, settings: settings).run()
    }
}

/// The parsed options of one `watch`.
struct WatchSettings: Sendable {
    var batch: Int
    var visibility: Duration
    var minAge: Duration
    var lockWait: Duration
    var reconcileEvery: Duration?
    var drain: Bool
}
