import Foundation
import HTTP
import ObjectStore
import R2SCore
import R2STestSupport
import S3
import Synchronization
import Testing

/// How failures reach the user: auth, clock, missing bucket, dead server, cancellation.
@Suite struct S3FailureTests {
    /// A client for the test server whose settings are changed by `edit` (no bucket created).
    func client(
        _ edit: (inout [String: String]) -> Void, clock: @escaping @Sendable () -> Date = { Date() },
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (S3Client, TestServers.S3)? {
        guard let server = TestServers.s3(sourceLocation: sourceLocation) else { return nil }
        var settings = S3Fixture.settings(server, bucket: S3Fixture.bucketName("fail"))
        edit(&settings)
        var config = try S3Configuration(settings: settings)
        config.http.maxAttempts = 2
        config.http.retryBaseDelayMilliseconds = 10
        return (try S3Client(configuration: config, clock: clock), server)
    }

    /// Every text a user or a log could see for `error`.
    func allText(_ error: S3Error) -> String {
        [error.userMessage, error.hint ?? "", error.localizedMessage(.ptBR), error.localizedHint(.ptBR) ?? "",
         String(describing: error), String(reflecting: error)].joined(separator: "\n")
    }

    @Test func wrongSecretGivesSignatureHintWithoutSecrets() async throws {
        let wrong = "wrong-secret-DO-NOT-PRINT-0123456789"
        guard let (s3, server) = try client({ $0["R2_SECRET_ACCESS_KEY"] = wrong }) else { return }
        let error = await #expect(throws: S3Error.self) { _ = try await s3.listAll() }
        let e = try #require(error)
        #expect(e.code == .signatureDoesNotMatch)
        #expect(e.exitStatus == .config)
        #expect(e.hint?.contains("R2_ACCESS_KEY_ID / R2_SECRET_ACCESS_KEY") == true)
        #expect(e.requestID != nil && e.userMessage.contains(e.requestID ?? "?"))
        let text = allText(e)
        #expect(!text.contains(wrong) && !text.contains(server.secretKey))
        #expect(!text.contains("Signature=") && !text.contains("Authorization"))
    }

    @Test func unknownAccessKey() async throws {
        guard let (s3, _) = try client({ $0["R2_ACCESS_KEY_ID"] = "NOSUCHKEY" }) else { return }
        let error = await #expect(throws: S3Error.self) { _ = try await s3.head("x") }
        // HEAD has no error body: 403 without a code is reported as access denied; GET/list names it.
        #expect(error?.code == .accessDenied)
        let listError = await #expect(throws: S3Error.self) { _ = try await s3.listAll() }
        #expect(listError?.code == .invalidAccessKeyID)
        #expect(listError?.hint?.contains("R2_ACCESS_KEY_ID") == true)
    }

    @Test func clockSkewIsReportedAsSuch() async throws {
        guard let (s3, _) = try client({ _ in }, clock: { Date().addingTimeInterval(20 * 60) }) else { return }
        let error = await #expect(throws: S3Error.self) { _ = try await s3.listAll() }
        #expect(error?.code == .requestTimeTooSkewed)
        #expect(error?.hint?.contains("clock") == true)
        #expect(error?.exitStatus == .config)
    }

    @Test func missingBucket() async throws {
        guard let (s3, _) = try client({ $0["R2_BUCKET"] = "r2s-does-not-exist-\(UUID().uuidString.prefix(6).lowercased())" })
        else { return }
        let error = await #expect(throws: S3Error.self) { _ = try await s3.listAll() }
        #expect(error?.code == .noSuchBucket)
        #expect(error?.userMessage.contains(s3.configuration.bucket) == true)
        #expect(error?.hint?.contains("R2_BUCKET") == true)
    }

    @Test func unreachableServerGivesConnectionHint() async throws {
        // A loopback port nothing listens on: bind an ephemeral port, note it, close it.
        let port = try Self.closedPort()
        guard let (s3, _) = try client({ $0["R2_ENDPOINT"] = "http://127.0.0.1:\(port)" }) else { return }
        let error = await #expect(throws: S3Error.self) { _ = try await s3.listAll() }
        let e = try #require(error)
        #expect(e.code == .connectionFailed)
        #expect(e.exitStatus == .config)
        #expect(e.userMessage.contains("127.0.0.1:\(port)"))
        #expect(e.hint?.contains("R2_ENDPOINT") == true)
        #expect(!allText(e).contains(s3.configuration.secretAccessKey))
    }

    @Test func unresolvableHost() async throws {
        guard let (s3, _) = try client({ $0["R2_ENDPOINT"] = "http://r2s-no-such-host.invalid" }) else { return }
        let error = await #expect(throws: S3Error.self) { _ = try await s3.head("k") }
        #expect(error?.code == .dnsFailure && error?.exitStatus == .config)
    }

    @Test func cancellingAMultipartUploadAbortsIt() async throws {
        guard let s3 = try await S3Fixture.client("cancel-up", tune: {
            $0.multipartThreshold = 5 << 20
            $0.partSize = 5 << 20
            $0.partConcurrency = 1
        }) else { return }
        let source = try S3Fixture.file([UInt8](repeating: 7, count: 40 << 20))
        defer { S3Fixture.remove(source) }
        let box = TaskBox()
        let task = Task {
            try await s3.upload(source, to: "cancelled.bin", contentType: "application/octet-stream") { done, _ in
                if done > 0 { box.cancel() }
            }
        }
        box.set(task)
        let result = await task.result
        #expect(throws: CancellationError.self) { _ = try result.get() }
        #expect(try await s3.head("cancelled.bin") == nil)
        #expect(try await s3.pendingMultipartUploads().isEmpty)  // aborted, not left behind
    }

    @Test func cancellingADownloadLeavesNoFile() async throws {
        guard let s3 = try await S3Fixture.client("cancel-down") else { return }
        let source = try S3Fixture.file([UInt8](repeating: 3, count: 48 << 20))
        let target = S3Fixture.temporaryPath()
        defer { S3Fixture.remove(source, target) }
        try await s3.upload(source, to: "big", contentType: "application/octet-stream", progress: nil)
        let box = TaskBox()
        let task = Task {
            try await s3.download("big", to: target, range: nil) { done, _ in
                if done > 0 { box.cancel() }
            }
        }
        box.set(task)
        let result = await task.result
        #expect(throws: CancellationError.self) { _ = try result.get() }
        let dir = (target as NSString).deletingLastPathComponent
        let base = (target as NSString).lastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(base) }.isEmpty)
        // The client is still usable after a cancelled transfer.
        #expect(try await s3.head("big")?.size == 48 << 20)
    }

    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard ok else { throw POSIXError(.EADDRNOTAVAIL) }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}

/// Lets a progress callback cancel the task it runs in (set right after the task starts).
final class TaskBox: Sendable {
    private let task = Mutex<Task<ObjectInfo, any Error>?>(nil)
    private let pending = Mutex(false)

    func set(_ t: Task<ObjectInfo, any Error>) {
        task.withLock { $0 = t }
        if pending.withLock({ $0 }) { t.cancel() }
    }

    func cancel() {
        pending.withLock { $0 = true }
        task.withLock { $0 }?.cancel()
    }
}
