public import UserFacing

/// The texts the sync engine's own errors and refusals say, in English and in the original
/// system's Portuguese. Everything the `sync`, `check` and `watch` commands print lives in their
/// module (plugins/sync/Sources/SyncMessages.swift).
extension LocalizedText {
    // MARK: Errors and guard refusals (message + hint)

    public static func syncListFailed(_ m: String) -> LocalizedText { .init(en: "listing the bucket failed: \(m); nothing was changed", ptBR: "a listagem do bucket falhou: \(m); nada foi alterado") }

    public static func syncCatalogFailed(_ m: String) -> LocalizedText { .init(en: "reading the catalog failed: \(m); nothing was changed", ptBR: "a leitura do catálogo falhou: \(m); nada foi alterado") }

    public static let syncReadHint = LocalizedText(en: "sync never acts on a partial listing; fix the connection and run it again", ptBR: "o sync nunca age sobre uma listagem parcial; corrija a conexão e rode de novo")

    public static func syncApplyFailed(_ m: String, done: Int, total: Int) -> LocalizedText { .init(en: "applying the changes failed after \(done) of \(total): \(m)", ptBR: "a aplicação das alterações falhou após \(done) de \(total): \(m)") }

    public static let syncApplyHint = LocalizedText(en: "run the same sync again: it continues where it stopped and repeats nothing already applied", ptBR: "rode o mesmo sync de novo: ele continua de onde parou e não repete o que já foi aplicado")

    public static let syncLockHint = LocalizedText(en: "wait for it to finish and run again; `check` and `sync --dry-run` work meanwhile", ptBR: "espere terminar e rode de novo; `check` e `sync --dry-run` funcionam enquanto isso")

    public static func syncRefusedEmpty(records: Int) -> LocalizedText { .init(en: "refused: the bucket lists no file in scope while the catalog has \(records) active records; nothing was changed", ptBR: "recusado: o bucket não lista nenhum arquivo no escopo e o catálogo tem \(records) registros ativos; nada foi alterado") }

    public static let syncRefusedEmptyHint = LocalizedText(en: "check R2_BUCKET, the prefix and the filter; if the bucket really is empty, rerun with --allow-empty", ptBR: "confira R2_BUCKET, o prefixo e o filtro; se o bucket estiver mesmo vazio, rode de novo com --allow-empty")

    public static func syncRefusedMaxDelete(planned: Int, limit: Int, setting: String) -> LocalizedText { .init(en: "refused: \(planned) records would be removed, more than --max-delete \(setting) allows (\(limit)); nothing was changed", ptBR: "recusado: \(planned) registros seriam removidos, mais do que --max-delete \(setting) permite (\(limit)); nada foi alterado") }

    public static func syncRefusedMaxDeleteHint(planned: Int) -> LocalizedText { .init(en: "review with `sync --dry-run --report removed.csv`; to proceed, rerun with --max-delete \(planned) (or a share such as 50%)", ptBR: "revise com `sync --dry-run --report removidos.csv`; para prosseguir, rode com --max-delete \(planned) (ou uma fração como 50%)") }
}
