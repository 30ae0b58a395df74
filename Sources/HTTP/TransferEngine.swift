internal import CCurl
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Drives every transfer of one `HTTPClient` from ONE dedicated thread through a curl multi
/// handle.
///
/// Why a thread of its own: a blocking `curl_easy_perform` per task would hold one of the
/// cooperative pool's few threads (2 on this class of machine), so only two transfers could run.
/// The multi interface multiplexes them all on one thread instead. Other threads talk to it only
/// through `inbox` (a lock) and `curl_multi_wakeup`.
final class TransferEngine: @unchecked Sendable {
    private struct Inbox {
        var new: [Transfer] = []
        var cancels: [Transfer] = []
        var shutdown = false
        /// What callers asked for beyond the configured limit (`demand(_:)`), by ticket.
        var demands: [Int: Int] = [:]
    }

    private let multi: CurlMulti
    /// The client's own limit; a caller's demand raises it while that caller runs.
    private let configured: Int
    private let inbox = Mutex(Inbox())
    private let tickets = Atomic<Int>(0)

    // Driver-thread state.
    private var active: [UnsafeMutableRawPointer: Transfer] = [:]
    private var known: [Int: Transfer] = [:]
    private var waiting: [Transfer] = []
    private var waitingHead = 0
    /// Transfers in flight at most now: the configured limit or the largest demand.
    private var concurrency: Int
    /// The connection cache's size (CURLMOPT_MAXCONNECTS): grows with the concurrency.
    private var cachedConnections: Int

    init(concurrency: Int, maxConnections: Int) throws(CurlError) {
        configured = max(1, concurrency)
        self.concurrency = configured
        cachedConnections = max(maxConnections, configured)
        multi = try CurlMulti()
        // The default connection cache is sized from the handle count and dropped connections
        // between rounds; an explicit size keeps them all for reuse.
        try multi.set(CURLMOPT_MAXCONNECTS, cachedConnections)
        try startThread()
    }

    /// The most a caller may ask for: a bound for hostile or mistaken values.
    static let maximumDemand = 256

    /// Lets up to `transfers` run at once (when that is more than the configured limit) until
    /// `release(_:)` gets the returned ticket. Several demands at once: the largest wins.
    func demand(_ transfers: Int) -> Int {
        let ticket = tickets.add(1, ordering: .relaxed).newValue
        inbox.withLock { $0.demands[ticket] = min(transfers, Self.maximumDemand) }
        multi.wakeup()
        return ticket
    }

    /// Ends a demand; transfers already running finish, no new one starts above the limit.
    func release(_ ticket: Int) {
        inbox.withLock { _ = $0.demands.removeValue(forKey: ticket) }
        multi.wakeup()
    }

    /// Hands a configured transfer to the driver.
    func submit(_ transfer: Transfer) {
        inbox.withLock { $0.new.append(transfer) }
        multi.wakeup()
    }

    /// Asks the driver to abort `transfer` (it resumes its continuation with CancellationError).
    func cancel(_ transfer: Transfer) {
        transfer.cancelled.store(true, ordering: .sequentiallyConsistent)
        inbox.withLock { $0.cancels.append(transfer) }
        multi.wakeup()
    }

    /// Stops the driver thread; transfers still queued end with CancellationError.
    func shutdown() {
        inbox.withLock { $0.shutdown = true }
        multi.wakeup()
    }

    private func startThread() throws(CurlError) {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let rc = pthread_create(
            &thread, nil,
            { context in
                guard let context else { return nil }
                let engine = Unmanaged<TransferEngine>.fromOpaque(context).takeRetainedValue()
                engine.run()
                return nil
            }, context)
        guard rc == 0 else {
            Unmanaged<TransferEngine>.fromOpaque(context).release()
            throw CurlError(kind: .other, code: 0, detail: "cannot start the transfer thread (\(rc))")
        }
        pthread_detach(thread)
    }

    // MARK: driver loop

    private func run() {
        while true {
            let (new, cancels, stop, demand) = inbox.withLock { box in
                defer { (box.new, box.cancels) = ([], []) }
                return (box.new, box.cancels, box.shutdown, box.demands.values.max() ?? 0)
            }
            resize(to: max(configured, demand))
            for t in new {
                known[t.id] = t
                // Cancelled before it got here: the cancel entry may already have been drained.
                if t.cancelled.load(ordering: .sequentiallyConsistent) {
                    finish(t, .failure(CancellationError()))
                } else {
                    waiting.append(t)
                }
            }
            for t in cancels where known[t.id] === t { finish(t, .failure(CancellationError())) }
            if stop {
                for t in Array(known.values) { finish(t, .failure(CancellationError())) }
                return
            }
            startWaiting()
            do {
                if !active.isEmpty {
                    try multi.perform()
                    while let (easy, code) = multi.nextDone() {
                        if let t = active[easy] { finish(t, t.result(code)) }
                    }
                    startWaiting()
                }
                try multi.poll(timeoutMs: 1000)
            } catch {
                // The multi handle itself failed (should not happen): fail what is running.
                for t in Array(active.values) { finish(t, .failure(error)) }
            }
        }
    }

    /// Follows the demands: more slots (and as many cached connections, so the extra ones are
    /// reused rather than reopened), or back to the configured limit once they end.
    private func resize(to limit: Int) {
        concurrency = limit
        if limit > cachedConnections, (try? multi.set(CURLMOPT_MAXCONNECTS, limit)) != nil { cachedConnections = limit }
    }

    /// Moves queued transfers into the multi handle while there are free slots.
    private func startWaiting() {
        while active.count < concurrency, waitingHead < waiting.count {
            let t = waiting[waitingHead]
            waitingHead += 1
            guard known[t.id] === t else { continue }  // finished (cancelled) while queued
            do {
                try t.openFiles()
                try multi.add(t.easy)
                active[t.easy.handle] = t
            } catch {
                finish(t, .failure(error))
            }
        }
        // Drop started entries: while the queue never empties (more submitters than slots) they
        // would otherwise pile up, keeping every finished transfer — and its open file — alive.
        if waitingHead == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            waitingHead = 0
        } else if waitingHead >= 32, waitingHead * 2 >= waiting.count {
            waiting.removeFirst(waitingHead)
            waitingHead = 0
        }
    }

    /// Detaches `t` and resumes its caller. Runs once per transfer.
    private func finish(_ t: Transfer, _ result: Result<HTTPResponse, any Error>) {
        if active.removeValue(forKey: t.easy.handle) != nil { try? multi.remove(t.easy) }
        t.closeFiles()
        known.removeValue(forKey: t.id)
        let continuation = t.continuation
        t.continuation = nil
        continuation?.resume(with: result)
    }
}
