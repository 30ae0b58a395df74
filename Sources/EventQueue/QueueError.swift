public import UserFacing

/// A failure talking to the queue, said for the operator.
public struct QueueError: UserFacingError, Sendable {
    public enum Kind: Sendable, Hashable {
        /// A setting `watch` needs is missing or malformed.
        case setting(name: String, reason: LocalizedText)
        /// 401/403: the token is wrong or lacks the Queues permissions. Not retried.
        case unauthorized(status: Int)
        /// The queue or account does not exist (404). Not retried.
        case notFound
        /// An HTTP status worth retrying (429, 5xx).
        case transient(status: Int)
        /// No response at all (connection refused, DNS, timeout): retried.
        case unreachable(String)
        /// Another status, or an answer that is not the documented JSON.
        case failed(status: Int, message: String)
    }

    public var kind: Kind

    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// Worth retrying after a pause (with backoff).
    public var isTransient: Bool {
        switch kind {
        case .transient, .unreachable: true
        default: false
        }
    }

    public var message: LocalizedText {
        switch kind {
        case .setting(let name, let reason): LocalizedText(en: "\(name) \(reason.en)", ptBR: "\(name) \(reason.resolve(.ptBR))")
        case .unauthorized(let status): LocalizedText(en: "the queue refused the API token (HTTP \(status))", ptBR: "a fila recusou o token da API (HTTP \(status))")
        case .notFound: LocalizedText(en: "queue or account not found (HTTP 404)", ptBR: "fila ou conta não encontrada (HTTP 404)")
        case .transient(let status): LocalizedText(en: "the queue API answered HTTP \(status)", ptBR: "a API da fila respondeu HTTP \(status)")
        case .unreachable(let why): LocalizedText(en: "cannot reach the queue API: \(why)", ptBR: "não foi possível acessar a API da fila: \(why)")
        case .failed(let status, let message): LocalizedText(en: "the queue API failed (HTTP \(status)): \(message)", ptBR: "a API da fila falhou (HTTP \(status)): \(message)")
        }
    }

    public var hintText: LocalizedText? {
        switch kind {
        case .setting(let name, _): LocalizedText(en: "set \(name) in the profile or the environment (docs/watch.md), then run `profile show`", ptBR: "defina \(name) no perfil ou no ambiente (docs/watch.md) e rode `profile show`")
        case .unauthorized: LocalizedText(en: "CLOUDFLARE_API_TOKEN needs Account → Queues → Edit (queues read + write) on R2_ACCOUNT_ID's account", ptBR: "o CLOUDFLARE_API_TOKEN precisa de Account → Queues → Edit (leitura + escrita de filas) na conta de R2_ACCOUNT_ID")
        case .notFound: LocalizedText(en: "check R2S_QUEUE_ID (the queue's id, not its name: `wrangler queues info NAME`) and R2_ACCOUNT_ID", ptBR: "confira R2S_QUEUE_ID (o id da fila, não o nome: `wrangler queues info NOME`) e R2_ACCOUNT_ID")
        case .transient, .unreachable: LocalizedText(en: "watch retries by itself; check CLOUDFLARE_API_BASE and the network if it persists", ptBR: "o watch tenta de novo sozinho; confira CLOUDFLARE_API_BASE e a rede se persistir")
        case .failed:
            nil
        }
    }

    public var exitStatus: ExitStatus {
        switch kind {
        case .setting, .unauthorized, .notFound, .unreachable: .config
        default: .failure
        }
    }
}
