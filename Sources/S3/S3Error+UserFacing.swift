public import UserFacing

/// The wording users see, in both languages r2s speaks. Kept in one place so messages stay
/// consistent and reviewable for secrets (only codes, ids, keys and endpoints are interpolated).
extension S3Error: UserFacingError {
    public var exitStatus: ExitStatus { isConfigurationOrConnection ? .config : .failure }

    // The endpoint may carry userinfo (`http://user:pw@host`): the derived texts scrub it.
    public var message: LocalizedText {
        guard let requestID else { return text }
        return LocalizedText(
            en: text.en + " (request id \(requestID))", ptBR: text.ptBR + " (id da requisição \(requestID))")
    }

    private var where_: String { endpoint.map { " \($0)" } ?? "" }
    private var op: String { operation ?? "request" }
    private var detailSuffix: String { detail.map { ": \($0)" } ?? "" }

    private var text: LocalizedText {
        switch code {
        case .invalidSetting(let name, let reason): LocalizedText(en: "\(name) is invalid: \(reason)", ptBR: "\(name) inválido: \(reason)")
        case .invalidAccessKeyID: LocalizedText(en: "the S3 server\(where_) does not know this access key (InvalidAccessKeyId)", ptBR: "o servidor S3\(where_) não reconhece esta chave de acesso (InvalidAccessKeyId)")
        case .signatureDoesNotMatch: LocalizedText(en: "the S3 server\(where_) rejected the request signature (SignatureDoesNotMatch)", ptBR: "o servidor S3\(where_) rejeitou a assinatura da requisição (SignatureDoesNotMatch)")
        case .accessDenied: LocalizedText(en: "access denied for \(op) (AccessDenied)", ptBR: "acesso negado em \(op) (AccessDenied)")
        case .noSuchBucket: LocalizedText(en: "bucket '\(bucket ?? "?")' not found at\(where_) (NoSuchBucket)", ptBR: "bucket '\(bucket ?? "?")' não encontrado em\(where_) (NoSuchBucket)")
        case .noSuchKey: LocalizedText(en: "object '\(key ?? "?")' not found", ptBR: "objeto '\(key ?? "?")' não encontrado")
        case .requestTimeTooSkewed: LocalizedText(en: "the S3 server rejected the request time (RequestTimeTooSkewed)", ptBR: "o servidor S3 rejeitou o horário da requisição (RequestTimeTooSkewed)")
        case .service(let s3Code): LocalizedText(en: "S3 \(op) failed: \(s3Code)\(status.map { " (HTTP \($0))" } ?? "")\(detailSuffix)", ptBR: "S3 \(op) falhou: \(s3Code)\(status.map { " (HTTP \($0))" } ?? "")\(detailSuffix)")
        case .connectionFailed: LocalizedText(en: "cannot connect to the S3 endpoint\(where_)\(detailSuffix)", ptBR: "não foi possível conectar ao endpoint S3\(where_)\(detailSuffix)")
        case .dnsFailure: LocalizedText(en: "cannot resolve the S3 endpoint host\(where_)", ptBR: "não foi possível resolver o host do endpoint S3\(where_)")
        case .tls: LocalizedText(en: "TLS with the S3 endpoint\(where_) failed\(detailSuffix)", ptBR: "falha de TLS com o endpoint S3\(where_)\(detailSuffix)")
        case .timeout: LocalizedText(en: "the S3 endpoint\(where_) did not answer in time (\(op))", ptBR: "o endpoint S3\(where_) não respondeu a tempo (\(op))")
        case .connectionLost: LocalizedText(en: "the connection to the S3 endpoint\(where_) broke during \(op)\(detailSuffix)", ptBR: "a conexão com o endpoint S3\(where_) caiu durante \(op)\(detailSuffix)")
        case .localFile: LocalizedText(en: "local file error\(detailSuffix)", ptBR: "erro de arquivo local\(detailSuffix)")
        case .invalidResponse(let reason): LocalizedText(en: "unexpected response from the S3 server to \(op): \(reason)", ptBR: "resposta inesperada do servidor S3 em \(op): \(reason)")
        case .invalidArgument(let reason): LocalizedText(en: reason, ptBR: reason)
        }
    }

    public var hintText: LocalizedText? {
        switch code {
        case .invalidSetting(let name, _): LocalizedText(en: "fix \(name); see `profile show`", ptBR: "corrija \(name); veja `profile show`")
        case .invalidAccessKeyID, .signatureDoesNotMatch: LocalizedText(en: "check R2_ACCESS_KEY_ID / R2_SECRET_ACCESS_KEY (a new or changed key can take a minute to work)", ptBR: "confira R2_ACCESS_KEY_ID / R2_SECRET_ACCESS_KEY (uma chave nova ou alterada pode levar um minuto para valer)")
        case .accessDenied: LocalizedText(en: "the API token's scope does not allow this: object-level tokens cannot list buckets, " + "and bucket-scoped tokens only see their buckets; check the token's permissions and R2_BUCKET", ptBR: "o escopo do token não permite isto: tokens de objeto não listam buckets e tokens por " + "bucket só veem seus buckets; confira as permissões do token e R2_BUCKET")
        case .noSuchBucket: LocalizedText(en: "check R2_BUCKET; jurisdiction buckets (eu, fedramp, us) are only visible with R2_JURISDICTION set", ptBR: "confira R2_BUCKET; buckets com jurisdição (eu, fedramp, us) só aparecem com R2_JURISDICTION definido")
        case .requestTimeTooSkewed: LocalizedText(en: "this machine's clock is off by more than 15 minutes; sync it (e.g. `timedatectl set-ntp true`)", ptBR: "o relógio desta máquina está mais de 15 minutos errado; sincronize-o (ex.: `timedatectl set-ntp true`)")
        case .service("NotImplemented"): LocalizedText(en: "the server does not implement a header or parameter of this request", ptBR: "o servidor não implementa um cabeçalho ou parâmetro desta requisição")
        case .service("SlowDown"), .service("TooManyRequests"): LocalizedText(en: "the server is rate limiting; wait and retry, or lower the concurrency", ptBR: "o servidor está limitando a taxa; espere e tente de novo, ou reduza a concorrência")
        case .connectionFailed: LocalizedText(en: "is the server running and reachable? check R2_ENDPOINT / R2_ACCOUNT_ID and proxy settings", ptBR: "o servidor está no ar e acessível? confira R2_ENDPOINT / R2_ACCOUNT_ID e o proxy")
        case .dnsFailure: LocalizedText(en: "check R2_ENDPOINT / R2_ACCOUNT_ID / R2_JURISDICTION and the machine's DNS", ptBR: "confira R2_ENDPOINT / R2_ACCOUNT_ID / R2_JURISDICTION e o DNS da máquina")
        case .tls: LocalizedText(en: "check the system CA certificates and the clock; a proxy may be intercepting TLS", ptBR: "confira os certificados de CA do sistema e o relógio; um proxy pode estar interceptando o TLS")
        case .timeout, .connectionLost: LocalizedText(en: "check the network and proxy settings, then retry", ptBR: "confira a rede e o proxy e tente de novo")
        case .noSuchKey, .service, .localFile, .invalidResponse, .invalidArgument:
            nil
        }
    }
}
