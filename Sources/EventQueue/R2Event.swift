import FoundationEssentials

/// The body of an R2 event notification (developers.cloudflare.com/r2/buckets/event-notifications):
/// `{"account","action","bucket","object":{"key","size","eTag"},"eventTime","copySource":{…}}`.
/// Only what `watch` needs is read: the event says *which key to look at*, never what to write.
public struct R2Event: Sendable, Hashable {
    /// `PutObject`, `CopyObject`, `CompleteMultipartUpload`, `DeleteObject`, `LifecycleDeletion`.
    public var action: String
    public var bucket: String
    public var key: String

    public init(action: String, bucket: String, key: String) {
        self.action = action
        self.bucket = bucket
        self.key = key
    }

    private struct Wire: Decodable {
        struct Object: Decodable { var key: String }
        var action: String?
        var bucket: String
        var object: Object
    }

    /// Bodies larger than this are not events (R2's are well under 1 KiB plus a 1,024-byte key).
    public static let maximumBodySize = 64 * 1024

    /// Decodes a message body; `nil` when it is not an R2 event (reported, never applied).
    public static func decode(_ body: [UInt8]) -> R2Event? {
        guard body.count <= maximumBodySize, let wire = try? JSONDecoder().decode(Wire.self, from: Data(body)),
            !wire.object.key.isEmpty, !wire.bucket.isEmpty
        else { return nil }
        return R2Event(action: wire.action ?? "", bucket: wire.bucket, key: wire.object.key)
    }
}
