import CloudflareQueues
import EventQueue
import Foundation
import R2SCore
import R2STestSupport
import Testing

/// The Cloudflare Queues client against the loopback double: the documented pull/ack contract.
@Suite struct QueueClientTests {
    @Test("pull leases, base64 json bodies decode, ack deletes, an empty queue answers at once")
    func pullAndAck() async throws {
        guard let double = try QueueDouble.make() else { return }
        let queue = try double.queue()
        #expect(try await queue.pull(batchSize: 10, visibility: .seconds(30)).messages.isEmpty)
        try await double.send([["hello": "wörld"], ["n": 2]])
        let pull = try await queue.pull(batchSize: 1, visibility: .seconds(30))
        #expect(pull.messages.count == 1)
        #expect(pull.backlog == 2)
        let m = try #require(pull.messages.first)
        #expect(m.contentType == "json" && m.attempts == 1 && m.timestampMS > 0)
        #expect(String(decoding: m.body ?? [], as: UTF8.self) == #"{"hello": "w\u00f6rld"}"#)
        let rest = try await queue.pull(batchSize: 100, visibility: .seconds(30))
        #expect(rest.messages.count == 1)  // the first one is leased
        try await queue.ack([m.leaseID] + rest.messages.map(\.leaseID), retries: [])
        #expect(try await double.stats()["acked"] == 2)
    }

    @Test("an unacked message comes back with attempts + 1 and a new lease; after max_retries it is dead-lettered")
    func redelivery() async throws {
        guard let double = try QueueDouble.make() else { return }
        let queue = try double.queue()
        try await double.control("config", ["max_retries": 2])
        try await double.send(raw: [("plain text", "text")])
        var leases: Set<String> = []
        for attempt in 1...3 {
            let m = try #require(try await queue.pull(batchSize: 5, visibility: .seconds(1)).messages.first)
            #expect(m.attempts == attempt)
            #expect(m.body == Array("plain text".utf8))
            leases.insert(m.leaseID)
            try await double.control("expire", [:] as [String: Any])
        }
        #expect(leases.count == 3)
        #expect(try await queue.pull(batchSize: 5, visibility: .seconds(1)).messages.isEmpty)
        #expect(try await double.stats()["dead"] == 1)
    }

    @Test("a retry hands a message back for later; a stale lease's ack is ignored")
    func retryAndStaleAck() async throws {
        guard let double = try QueueDouble.make() else { return }
        let queue = try double.queue()
        try await double.send([["k": 1]])
        let first = try #require(try await queue.pull(batchSize: 5, visibility: .seconds(30)).messages.first)
        try await queue.ack([], retries: [QueueRetry(leaseID: first.leaseID, delaySeconds: 0)])
        let second = try #require(try await queue.pull(batchSize: 5, visibility: .seconds(30)).messages.first)
        #expect(second.id == first.id && second.attempts == 2)
        try await queue.ack([first.leaseID], retries: [])
        #expect(try await double.stats()["acked"] == 0)
        try await queue.ack([second.leaseID], retries: [])
        #expect(try await double.stats()["acked"] == 1)
    }

    @Test("401 on a wrong token is final; 429 and 5xx are transient")
    func errors() async throws {
        guard let double = try QueueDouble.make() else { return }
        let wrong = try CloudflareQueue(settings: QueueSettings(base: double.url + "/client/v4", accountID: "0123abcd", queueID: double.queueID, token: "nope-nope"))
        await #expect(throws: QueueError.self) { _ = try await wrong.pull(batchSize: 5, visibility: .seconds(1)) }
        do {
            _ = try await wrong.pull(batchSize: 5, visibility: .seconds(1))
        } catch let error as QueueError {
            #expect(error.kind == .unauthorized(status: 401))
            #expect(error.exitStatus == .config)
            #expect(!error.isTransient)
        }
        let queue = try double.queue()
        try await double.control("config", ["fail_next": [["status": 429, "count": 1], ["status": 503, "count": 1]]])
        for status in [429, 503] {
            do {
                _ = try await queue.pull(batchSize: 5, visibility: .seconds(1))
                Issue.record("expected HTTP \(status)")
            } catch let error as QueueError {
                #expect(error.kind == .transient(status: status) && error.isTransient)
            }
        }
        do {
            _ = try await queue.pull(batchSize: 5, visibility: .seconds(1))
        } catch {
            Issue.record("the injected failures are spent: \(error)")
        }
    }

    @Test("settings: missing ones are named, the token never appears in a message")
    func settings() throws {
        let token = "cf_secret_token_value_1234"
        let profile = Profile(name: "p", values: ["R2_ACCOUNT_ID": "abc", "CLOUDFLARE_API_TOKEN": token])
        #expect(throws: QueueError.self) { try QueueSettings(profile) }
        do {
            _ = try QueueSettings(profile)
        } catch let error as QueueError {
            #expect(error.userMessage == "R2S_QUEUE_ID is not set")
            #expect(!(error.hint ?? "").contains(token))
        }
        var bad = profile
        bad.values["R2S_QUEUE_ID"] = "q1"
        bad.values["CLOUDFLARE_API_TOKEN"] = "two words"
        do {
            _ = try QueueSettings(bad)
            Issue.record("a token with a space must be refused")
        } catch let error as QueueError {
            #expect(!error.userMessage.contains("two words"))
        }
        var ok = profile
        ok.values["R2S_QUEUE_ID"] = "q1"
        ok.values["CLOUDFLARE_API_BASE"] = "http://127.0.0.1:1/client/v4/"
        let s = try QueueSettings(ok)
        #expect(s.base == "http://127.0.0.1:1/client/v4")
        #expect(SecretRule.isSecretName("CLOUDFLARE_API_TOKEN"))
        #expect(SecretRule.masked(name: "CLOUDFLARE_API_TOKEN", value: token) == "****1234")
    }
}
