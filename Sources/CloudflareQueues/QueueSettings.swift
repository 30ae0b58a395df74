import EventQueue
public import R2SCore

/// Where `watch` reads events from, from the profile (or the environment, like every setting):
/// `CLOUDFLARE_API_TOKEN` (a secret: `SecretRule` masks it everywhere), `R2S_QUEUE_ID`, the
/// account from `R2_ACCOUNT_ID`, and `CLOUDFLARE_API_BASE` (tests point it at a loopback double).
public struct QueueSettings: Sendable {
    public static let defaultBase = "https://api.cloudflare.com/client/v4"

    public var base: String
    public var accountID: String
    public var queueID: String
    public var token: String

    public init(base: String = QueueSettings.defaultBase, accountID: String, queueID: String, token: String) {
        self.base = base
        self.accountID = accountID
        self.queueID = queueID
        self.token = token
    }

    /// Reads and validates the settings of `profile`.
    ///
    /// - Throws: `QueueError` `.setting` naming the first missing or malformed one.
    public init(_ profile: Profile) throws {
        func value(_ name: String) -> String? {
            guard let v = profile[name]?.trimmingCharacters(in: " \t\r\n"), !v.isEmpty else { return nil }
            return v
        }
        func missing(_ name: String) -> QueueError {
            QueueError(.setting(name: name, reason: LocalizedText(en: "is not set", ptBR: "não está definido")))
        }
        func idLike(_ s: String) -> Bool { s.count <= 64 && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } }
        guard let account = value("R2_ACCOUNT_ID") else { throw missing("R2_ACCOUNT_ID") }
        guard idLike(account) else {
            throw QueueError(.setting(name: "R2_ACCOUNT_ID", reason: LocalizedText(en: "is not an account id", ptBR: "não é um id de conta")))
        }
        guard let queue = value("R2S_QUEUE_ID") else { throw missing("R2S_QUEUE_ID") }
        guard idLike(queue) else {
            throw QueueError(.setting(
                name: "R2S_QUEUE_ID",
                reason: LocalizedText(en: "is not a queue id (letters, digits, dashes)", ptBR: "não é um id de fila (letras, dígitos, hífens)")))
        }
        guard let token = value("CLOUDFLARE_API_TOKEN") else { throw missing("CLOUDFLARE_API_TOKEN") }
        guard token.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "\u{7F}" && ($0.asciiValue ?? 0) >= 0x20 }) else {
            // A token with a newline would break the request's headers; the value itself is never shown.
            throw QueueError(.setting(name: "CLOUDFLARE_API_TOKEN", reason: LocalizedText(en: "holds spaces or control characters", ptBR: "contém espaços ou caracteres de controle")))
        }
        var base = value("CLOUDFLARE_API_BASE") ?? Self.defaultBase
        guard base.hasPrefix("https://") || base.hasPrefix("http://") else {
            throw QueueError(.setting(name: "CLOUDFLARE_API_BASE", reason: LocalizedText(en: "is not an http(s) url", ptBR: "não é uma url http(s)")))
        }
        while base.hasSuffix("/") { base.removeLast() }
        self.init(base: base, accountID: account, queueID: queue, token: token)
    }

    /// `{base}/accounts/{account}/queues/{queue}/messages`
    var messagesURL: String { "\(base)/accounts/\(accountID)/queues/\(queueID)/messages" }
}
