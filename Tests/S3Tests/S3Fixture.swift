import Foundation
import ObjectStore
import R2STestSupport
import S3
import Testing

/// A client on the SeaweedFS test server with a fresh bucket of its own, or nil when the server
/// is not configured (a recorded failure under R2S_REQUIRE_SERVERS=1).
enum S3Fixture {
    static func settings(_ server: TestServers.S3, bucket: String) -> [String: String] {
        server.settings(bucket: bucket)
    }

    static func bucketName(_ tag: String) -> String {
        "r2s-\(tag)-\(UUID().uuidString.prefix(8))".lowercased()
    }

    /// A client whose bucket was just created.
    static func client(
        _ tag: String, on server: TestServers.S3? = nil, sourceLocation: SourceLocation = #_sourceLocation,
        tune: (inout S3Configuration) -> Void = { _ in }
    ) async throws -> S3Client? {
        guard let server = server ?? TestServers.s3(sourceLocation: sourceLocation) else { return nil }
        let bucket = bucketName(tag)
        var config = try S3Configuration(settings: settings(server, bucket: bucket))
        tune(&config)
        let client = try S3Client(configuration: config)
        try await client.createBucket(bucket)
        return client
    }

    /// A scratch file with `bytes`, removed by the caller.
    static func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-s3-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("r2s-s3-\(UUID().uuidString)").path
    }

    static func read(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    static func remove(_ paths: String...) { for p in paths { try? FileManager.default.removeItem(atPath: p) } }

    /// Deterministic pseudo-random bytes (xorshift), so content mix-ups are detectable.
    static func bytes(_ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
        var x = seed
        return (0..<count).map { _ in
            x ^= x << 13
            x ^= x >> 7
            x ^= x << 17
            return UInt8(truncatingIfNeeded: x)
        }
    }
}
