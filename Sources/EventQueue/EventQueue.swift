/// One message pulled from a queue. It is leased to this consumer until it is acked, retried,
/// or its visibility timeout passes (then the queue delivers it again with `attempts` + 1).
public struct QueueMessage: Sendable, Hashable {
    /// The queue's id for the message (the same on every delivery).
    public var id: String
    /// The lease of this delivery: what `ack` names.
    public var leaseID: String
    /// Deliveries so far, this one included.
    public var attempts: Int
    /// When the message was enqueued (Unix milliseconds).
    public var timestampMS: Int64
    /// The body, base64 already undone for the `json` and `bytes` content types; `nil` when the
    /// queue sent a body that could not be decoded (reported, left to the queue's retry policy).
    public var body: [UInt8]?
    /// The queue's `CF-Content-Type` (`json`, `text`, `bytes`, `v8`), when given.
    public var contentType: String?

    public init(id: String, leaseID: String, attempts: Int, timestampMS: Int64, body: [UInt8]?, contentType: String?) {
        self.id = id
        self.leaseID = leaseID
        self.attempts = attempts
        self.timestampMS = timestampMS
        self.body = body
        self.contentType = contentType
    }
}

/// What one pull returned.
public struct QueuePull: Sendable {
    public var messages: [QueueMessage]
    /// Messages the queue still holds (`message_backlog_count`), when it says.
    public var backlog: Int?

    public init(messages: [QueueMessage], backlog: Int?) {
        self.messages = messages
        self.backlog = backlog
    }
}

/// A message to hand back to the queue for a later delivery (`retries` of the ack call).
public struct QueueRetry: Sendable, Hashable {
    public var leaseID: String
    public var delaySeconds: Int

    public init(leaseID: String, delaySeconds: Int) {
        self.leaseID = leaseID
        self.delaySeconds = delaySeconds
    }
}

/// A pull-based message queue as `watch` needs it: the Cloudflare Queues HTTP pull consumer in
/// production (CloudflareQueues), its loopback double in the tests. Delivery is at least once
/// and in no guaranteed order; a message not acked within its visibility timeout comes back.
public protocol EventQueue: Sendable {
    /// Where it points, without secrets (`queue 0123… of account abcd…`).
    var displayName: String { get }
    /// Leases up to `batchSize` (1…100) messages for `visibility`. An empty queue answers at once.
    /// Throws `QueueError`.
    func pull(batchSize: Int, visibility: Duration) async throws -> QueuePull
    /// Acknowledges (deletes) the leased messages `acks` and hands `retries` back for a later
    /// delivery. Throws `QueueError`.
    func ack(_ acks: [String], retries: [QueueRetry]) async throws
}
