public import EventQueue
import FoundationEssentials
import HTTP

/// The Cloudflare Queues HTTP pull consumer (developers.cloudflare.com/queues/configuration/pull-consumers):
/// `POST …/messages/pull {"batch_size","visibility_timeout_ms"}` and
/// `POST …/messages/ack {"acks":[{"lease_id"}],"retries":[{"lease_id","delay_seconds"}]}`, with
/// `Authorization: Bearer <token>`. Each call is tried once: `watch` owns the backoff, so a
/// pull is never repeated behind its back (a repeated pull leases messages nobody reads).
public final class CloudflareQueue: EventQueue {
    public let settings: QueueSettings
    private let client: HTTPClient

    public init(settings: QueueSettings) throws {
        self.settings = settings
        var configuration = HTTPClient.Configuration()
        configuration.concurrency = 2
        configuration.retry = .none
        configuration.lowSpeedSeconds = 30
        client = try HTTPClient(configuration: configuration)
    }

    public var displayName: String { "queue \(settings.queueID) of account \(settings.accountID)" }

    /// Largest answer read: 100 messages of up to 128 KB each, base64-inflated.
    static let responseLimit = 24 << 20

    public func pull(batchSize: Int, visibility: Duration) async throws -> QueuePull {
        let ms = visibility.components.seconds * 1000 + visibility.components.attoseconds / 1_000_000_000_000_000
        let body = #"{"batch_size":\#(min(100, max(1, batchSize))),"visibility_timeout_ms":\#(ms)}"#
        let response = try await post("/pull", body: body)
        guard let envelope = try? JSONDecoder().decode(PullEnvelope.self, from: Data(response.body)), let result = envelope.result
        else {
            throw QueueError(.failed(status: response.status, message: "not the documented pull answer"))
        }
        let messages = result.messages.map { m in
            let type = m.metadata?["CF-Content-Type"]
            return QueueMessage(
                id: m.id, leaseID: m.lease_id, attempts: m.attempts ?? 1, timestampMS: Int64(m.timestamp_ms ?? 0),
                body: Self.decodeBody(m.body, contentType: type), contentType: type)
        }
        return QueuePull(messages: messages, backlog: result.message_backlog_count)
    }

    public func ack(_ acks: [String], retries: [QueueRetry]) async throws {
        guard !acks.isEmpty || !retries.isEmpty else { return }
        struct Ack: Encodable { var lease_id: String }
        struct Retry: Encodable {
            var lease_id: String
            var delay_seconds: Int
        }
        struct Body: Encodable {
            var acks: [Ack]
            var retries: [Retry]
        }
        let body = Body(
            acks: acks.map { Ack(lease_id: $0) },
            retries: retries.map { Retry(lease_id: $0.leaseID, delay_seconds: max(0, $0.delaySeconds)) })
        let data = try JSONEncoder().encode(body)
        _ = try await post("/ack", body: String(decoding: data, as: UTF8.self))
    }

    /// `json` and `bytes` bodies come base64-encoded, `text` as is (`v8` cannot be read here).
    static func decodeBody(_ body: String?, contentType: String?) -> [UInt8]? {
        guard let body else { return nil }
        switch contentType {
        case "text": return Array(body.utf8)
        case "v8": return nil
        default:
            // `json`, `bytes`, or no type said: the docs' base64.
            return Data(base64Encoded: body).map(Array.init)
        }
    }

    private func post(_ path: String, body: String) async throws -> HTTPResponse {
        let request = HTTPRequest(
            method: "POST", url: settings.messagesURL + path,
            headers: [
                HTTPHeader("Authorization", "Bearer " + settings.token), HTTPHeader("Content-Type", "application/json"),
                HTTPHeader("Accept", "application/json"),
            ],
            body: .bytes(Array(body.utf8)), response: .memory(limit: Self.responseLimit))
        let response: HTTPResponse
        do {
            response = try await client.send(request)
        } catch let error as CurlError {
            throw QueueError(.unreachable(error.detail))
        }
        switch response.status {
        case 200..<300: return response
        case 401, 403: throw QueueError(.unauthorized(status: response.status))
        case 404: throw QueueError(.notFound)
        case 429, 500...599: throw QueueError(.transient(status: response.status))
        default: throw QueueError(.failed(status: response.status, message: Self.errorMessage(response.body)))
        }
    }

    /// The first `errors[].message` of a Cloudflare error answer, short and printable.
    static func errorMessage(_ body: [UInt8]) -> String {
        struct Errors: Decodable {
            struct E: Decodable { var message: String? }
            var errors: [E]?
        }
        let text = (try? JSONDecoder().decode(Errors.self, from: Data(body)))?.errors?.first?.message ?? "no error message"
        return String(text.prefix(200).filter { !$0.isNewline })
    }
}

/// The pull answer as documented: `{"success","errors","result":{"message_backlog_count","messages":[…]}}`.
private struct PullEnvelope: Decodable {
    struct Message: Decodable {
        var id: String
        var lease_id: String
        var attempts: Int?
        var timestamp_ms: Double?
        var body: String?
        var metadata: [String: String]?
    }
    struct Result: Decodable {
        var message_backlog_count: Int?
        var messages: [Message]
    }
    var success: Bool?
    var result: Result?
}
