import Foundation
import HTTP
import Synchronization
import Testing

@Suite struct HTTPClientTests {
    let server: LocalHTTPServer
    init() throws { server = try LocalHTTPServer() }

    func client(concurrency: Int = 16, retry: RetryPolicy = RetryPolicy(baseDelayMilliseconds: 10)) throws -> HTTPClient {
        var config = HTTPClient.Configuration()
        config.concurrency = concurrency
        config.retry = retry
        config.connectTimeoutMilliseconds = 2_000
        return try HTTPClient(configuration: config)
    }

    func tempPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("r2s-http-\(UUID().uuidString)-\(name)").path
    }

    @Test func smallBodiesRoundTrip() async throws {
        let http = try client()
        let body = Array("héllo wörld".utf8)
        let response = try await http.send(HTTPRequest(
            method: "POST", url: server.base + "/echo", headers: [HTTPHeader("Content-Type", "text/plain")],
            body: .bytes(body)))
        #expect(response.status == 200)
        #expect(response.body == body)
        #expect(response.header("X-Method") == "POST")
        #expect(response.header("x-content-type") == "text/plain")
        #expect(response.header("content-length") == String(body.count))
    }

    @Test func methodsWithoutBodies() async throws {
        let http = try client()
        for method in ["GET", "DELETE", "PUT", "POST"] {
            let r = try await http.send(HTTPRequest(method: method, url: server.base + "/echo"))
            #expect(r.status == 200)
            #expect(r.header("x-method") == method)
            #expect(r.body.isEmpty)
        }
        for method in ["PATCH", "DELETE", "POST", "PUT"] {
            let r = try await http.send(HTTPRequest(method: method, url: server.base + "/echo", body: .bytes(Array("{}".utf8))))
            #expect(r.header("x-method") == method && r.text == "{}")
        }
        let empty = try await http.send(HTTPRequest(method: "PUT", url: server.base + "/echo", body: .bytes([])))
        #expect(empty.status == 200 && empty.body.isEmpty)
        let head = try await http.send(HTTPRequest(method: "HEAD", url: server.base + "/bytes/10"))
        #expect(head.status == 200 && head.body.isEmpty && head.header("content-length") == "10")
    }

    @Test func pathsAreSentAsIs() async throws {
        let path = "/echo//a/./b/../c%2Fd%20e+f"
        let r = try await client().send(HTTPRequest(method: "GET", url: server.base + path))
        #expect(r.header("x-path") == path)
    }

    @Test func postWithoutContentTypeIsNotLabelledAsForm() async throws {
        let r = try await client().send(HTTPRequest(method: "POST", url: server.base + "/echo", body: .bytes([1, 2, 3])))
        #expect(r.header("x-content-type") == "none")
    }

    @Test func largeUploadSendsNoExpectHeader() async throws {
        let body = [UInt8](repeating: 7, count: 2 << 20)
        let r = try await client().send(HTTPRequest(method: "PUT", url: server.base + "/echo", body: .bytes(body)))
        #expect(r.status == 200)
        #expect(r.header("x-expect") == "none")
        #expect(r.body.count == body.count)
    }

    @Test func errorStatusesAreResponsesNotThrows() async throws {
        let r = try await client().send(HTTPRequest(method: "GET", url: server.base + "/status/404"))
        #expect(r.status == 404)
        #expect(r.text == "<Error><Code>E404</Code></Error>")
    }

    @Test func manyTransfersRunInParallelUpToTheLimit() async throws {
        let http = try client(concurrency: 4)
        // The gate answers 4 at a time once 4 are in flight, so 4 overlap however late the
        // tasks start on a loaded machine (a 150 ms delay did not always make them overlap).
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<12 {
                group.addTask { try await http.send(HTTPRequest(method: "GET", url: server.base + "/gate/4/limit")).status }
            }
            for try await status in group { #expect(status == 200) }
        }
        #expect(server.maxInFlight == 4)
        #expect(server.connections == 4)  // connections are reused across the queue
    }

    @Test func finishedTransfersReleaseTheirFilesWhileTheQueueStaysBusy() async throws {
        let http = try client(concurrency: 2)
        let source = tempPath("fd")
        defer { try? FileManager.default.removeItem(atPath: source) }
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: source))
        // Count descriptors open on THIS file only (other tests run in the same process).
        let name = (source as NSString).lastPathComponent
        func openFiles() throws -> Int {
            try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").filter {
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0))?.hasSuffix(name) == true
            }.count
        }
        var peak = 0
        // 40 submitters for 2 slots: the wait queue never empties during the run.
        try await withThrowingTaskGroup(of: Void.self) { group in
            var submitted = 0
            func submit() {
                submitted += 1
                group.addTask {
                    _ = try await http.send(HTTPRequest(
                        method: "PUT", url: server.base + "/echo", body: .file(path: source, offset: 0, length: 3)))
                }
            }
            for _ in 0..<40 { submit() }
            while try await group.next() != nil {
                peak = max(peak, try openFiles())
                if submitted < 400 { submit() }
            }
        }
        // At most the 2 running transfers (plus a retry's reopen) hold it; the bug kept ~400.
        #expect(peak <= 8, "\(peak) descriptors open on the upload file")
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        let http = try client()
        // libcurl closes a connection left idle longer than CURLOPT_MAXAGE_CONN (118 s by
        // default) instead of reusing it; a loaded machine stalled this test that long between
        // two requests (2 connections, load 35). A long gap (seen from here, so a shorter one than
        // curl's) may open one more connection; without one, a single connection serves all.
        let clock = ContinuousClock()
        var last = clock.now
        var longGaps = 0
        for _ in 0..<10 {
            if clock.now - last > .seconds(30) { longGaps += 1 }
            _ = try await http.send(HTTPRequest(method: "GET", url: server.base + "/bytes/100"))
            last = clock.now
        }
        #expect(server.connections >= 1 && server.connections <= 1 + longGaps, "\(longGaps) gaps over 30 s")
    }

    @Test func retriesServerErrorsThenSucceeds() async throws {
        let r = try await client().send(HTTPRequest(method: "GET", url: server.base + "/flaky/2/a"))
        #expect(r.status == 200)
        #expect(server.hits("/flaky/2/a") == 3)
    }

    @Test func retriesAreBounded() async throws {
        let http = try client(retry: RetryPolicy(maxAttempts: 3, baseDelayMilliseconds: 5))
        let r = try await http.send(HTTPRequest(method: "GET", url: server.base + "/flaky/10/b"))
        #expect(r.status == 503)
        #expect(server.hits("/flaky/10/b") == 3)
    }

    /// Issue 12.11: a frozen server (connects, never answers) cost every attempt its full stall
    /// timeout in silence. The deadline stops retrying, and each retry is announced first.
    @Test func aFrozenServerStopsAtTheDeadlineAndEveryRetryIsAnnounced() async throws {
        let notices = Mutex<[RetryNotice]>([])
        var config = HTTPClient.Configuration()
        config.lowSpeedSeconds = 1
        config.retry = RetryPolicy(
            maxAttempts: 20, baseDelayMilliseconds: 10, deadline: .seconds(2),
            onRetry: { n in notices.withLock { $0.append(n) } })
        let http = try HTTPClient(configuration: config)
        await #expect(throws: CurlError.self) {
            try await http.send(HTTPRequest(method: "GET", url: server.base + "/delay/4000"))
        }
        let seen = notices.withLock { $0 }
        let hits = server.hits("/delay/4000")
        // Without the deadline all 20 attempts would run (20 × 1 s of stall).
        try #require(hits >= 1)
        #expect(hits < 20, "\(hits) attempts")
        #expect(seen.count == hits - 1)
        #expect(seen.map(\.attempt) == Array(1..<hits))
        #expect(seen.allSatisfy { $0.target == server.base + "/delay/4000" && $0.method == "GET" && $0.maxAttempts == 20 })
        #expect(seen.allSatisfy { $0.deadline == .seconds(2) && $0.elapsed + $0.delay < .seconds(2) })
    }

    @Test func retriedUrlsAreRedacted() async throws {
        let notices = Mutex<[RetryNotice]>([])
        let http = try client(retry: RetryPolicy(
            maxAttempts: 2, baseDelayMilliseconds: 5, onRetry: { n in notices.withLock { $0.append(n) } }))
        let url = server.base.replacingOccurrences(of: "://", with: "://user:pw@") + "/flaky/5/c?token=abc"
        _ = try await http.send(HTTPRequest(method: "GET", url: url))
        #expect(notices.withLock { $0.map(\.target) } == [server.base + "/flaky/5/c"])
        #expect(notices.withLock { $0.map(\.reason) } == ["HTTP 503"])
    }

    @Test func notImplementedAndClientErrorsAreNotRetried() async throws {
        let http = try client()
        #expect(try await http.send(HTTPRequest(method: "GET", url: server.base + "/status/501")).status == 501)
        #expect(try await http.send(HTTPRequest(method: "GET", url: server.base + "/status/403")).status == 403)
        #expect(server.hits("/status/501") == 1)
        #expect(server.hits("/status/403") == 1)
        #expect(try await http.send(HTTPRequest(method: "GET", url: server.base + "/status/429")).status == 429)
        #expect(server.hits("/status/429") == 5)
    }

    @Test func slowDownIsRetried() async throws {
        let r = try await client().send(HTTPRequest(method: "GET", url: server.base + "/slowdown/x"))
        #expect(r.status == 200 && server.hits("/slowdown/x") == 2)
        let policy = RetryPolicy()
        #expect(policy.shouldRetry(HTTPResponse(status: 400, headers: [], body: Array("<Error><Code>SlowDown</Code></Error>".utf8))))
        #expect(!policy.shouldRetry(HTTPResponse(status: 400, headers: [], body: Array("<Error><Code>Other</Code></Error>".utf8))))
    }

    @Test func backoffGrowsAndIsCapped() {
        let p = RetryPolicy(maxAttempts: 10, baseDelayMilliseconds: 100, maxDelayMilliseconds: 1000)
        for _ in 0..<20 {
            let d1 = p.delay(afterAttempt: 1, retryAfter: nil), d3 = p.delay(afterAttempt: 3, retryAfter: nil)
            #expect(d1 >= .milliseconds(50) && d1 <= .milliseconds(100))
            #expect(d3 >= .milliseconds(200) && d3 <= .milliseconds(400))
            #expect(p.delay(afterAttempt: 9, retryAfter: nil) <= .milliseconds(1000))
        }
        #expect(p.delay(afterAttempt: 1, retryAfter: "60") == .milliseconds(1000))
    }

    @Test func droppedConnectionIsRetriedThenReported() async throws {
        let http = try client(retry: RetryPolicy(maxAttempts: 2, baseDelayMilliseconds: 5))
        let error = await #expect(throws: CurlError.self) {
            try await http.send(HTTPRequest(method: "GET", url: server.base + "/drop"))
        }
        #expect(error?.kind == .connectionLost)
        #expect(server.hits("/drop") == 2)
    }

    @Test func refusedConnectionIsAConnectionError() async throws {
        // Bind a port, then close it: nothing listens there any more.
        let closedPort = try LocalHTTPServer.closedPort()
        let http = try client(retry: .none)
        let error = await #expect(throws: CurlError.self) {
            try await http.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(closedPort)/"))
        }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.isTransient == true)
        #expect(error?.detail.contains("127.0.0.1") == true)
    }

    @Test func unresolvableHostIsADNSError() async throws {
        let error = await #expect(throws: CurlError.self) {
            try await client(retry: .none).send(HTTPRequest(method: "GET", url: "http://r2s-no-such-host.invalid/"))
        }
        #expect(error?.kind == .dnsFailure)
    }

    @Test func cancellationAbortsTheTransferInFlight() async throws {
        let http = try client()
        let task = Task { try await http.send(HTTPRequest(method: "GET", url: server.base + "/trickle")) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        // The server notices the closed socket on its next 1-byte write.
        for _ in 0..<100 where server.closedTrickles == 0 { try await Task.sleep(for: .milliseconds(20)) }
        #expect(server.closedTrickles == 1)
        // The client still works afterwards.
        #expect(try await http.send(HTTPRequest(method: "GET", url: server.base + "/bytes/3")).body == [0, 1, 2])
    }

    @Test func cancelledBeforeStartNeverSends() async throws {
        let http = try client()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await http.perform(HTTPRequest(method: "GET", url: server.base + "/delay/1"))
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(server.hits("/delay/1") == 0)
    }

    @Test func bodiesStreamFromAndToFiles() async throws {
        let http = try client()
        let source = tempPath("src"), target = tempPath("dst")
        defer { try? FileManager.default.removeItem(atPath: source); try? FileManager.default.removeItem(atPath: target) }
        let content = (0..<300_000).map { UInt8($0 % 199) }
        try Data(content).write(to: URL(fileURLWithPath: source))
        let upload = try await http.send(HTTPRequest(
            method: "PUT", url: server.base + "/echo", body: .file(path: source, offset: 1000, length: 200_000),
            response: .file(path: target)))
        #expect(upload.status == 200 && upload.body.isEmpty)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: target))) == Array(content[1000..<201_000]))

        let progress = Mutex<Int64>(0)
        let download = try await http.send(HTTPRequest(
            method: "GET", url: server.base + "/bytes/1000000", response: .file(path: target),
            progress: { done, _ in progress.withLock { $0 = max($0, done) } }))
        #expect(download.status == 200)
        let data = Array(try Data(contentsOf: URL(fileURLWithPath: target)))
        #expect(data.count == 1_000_000 && data[999_999] == UInt8(999_999 % 251))
        #expect(progress.withLock { $0 } == 1_000_000)
    }

    @Test func errorBodiesNeverLandInTheTargetFile() async throws {
        let target = tempPath("err")
        defer { try? FileManager.default.removeItem(atPath: target) }
        let r = try await client().send(HTTPRequest(method: "GET", url: server.base + "/status/404", response: .file(path: target)))
        #expect(r.status == 404 && r.text.contains("E404"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)).isEmpty)
    }

    @Test func missingUploadFileFailsBeforeSending() async throws {
        let error = await #expect(throws: CurlError.self) {
            try await client().send(HTTPRequest(
                method: "PUT", url: server.base + "/echo", body: .file(path: "/nonexistent/r2s", offset: 0, length: 1)))
        }
        #expect(error?.kind == .localFile)
        #expect(server.hits("/echo") == 0)
    }

    @Test func memoryBodiesAreCapped() async throws {
        let error = await #expect(throws: CurlError.self) {
            try await client().send(HTTPRequest(method: "GET", url: server.base + "/bytes/5000", response: .memory(limit: 4096)))
        }
        #expect(error?.kind == .responseTooLarge)
    }
}

extension LocalHTTPServer {
    /// A loopback port nothing listens on (bound, then closed).
    static func closedPort() throws -> Int {
        let server = try LocalHTTPServer()
        let port = server.port
        server.stopListening()
        return port
    }
}
