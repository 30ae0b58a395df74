public import UserFacing

/// Every text the sync module shows, in English and in the original system's Portuguese.
/// The log wording follows the original app's log lines exactly (pt-BR).
extension LocalizedText {
    // MARK: Log lines (the original's wording)

    public static func syncFoundObjects(_ n: Int) -> LocalizedText {
        LocalizedText(en: "Found \(n) files in R2", ptBR: "Encontrados \(n) arquivos no R2")
    }

    /// `table` is the catalog table's name (`storage` unless `R2S_TABLE` says otherwise).
    public static func syncFoundRecords(_ n: Int, table: String = "storage") -> LocalizedText {
        LocalizedText(en: "Found \(n) active records in the \(table) table",
                      ptBR: "Encontrados \(n) registros ativos na tabela \(table)")
    }

    public static func syncRecordRemoved(nome: String, url: String) -> LocalizedText {
        LocalizedText(en: "Record removed: \(nome) (URL: \(url))", ptBR: "Registro removido: \(nome) (URL: \(url))")
    }

    public static func syncRecordAdded(nome: String, url: String) -> LocalizedText {
        LocalizedText(en: "Record added: \(nome) (URL: \(url))", ptBR: "Registro adicionado: \(nome) (URL: \(url))")
    }

    public static func syncRecordRestored(nome: String, url: String) -> LocalizedText {
        LocalizedText(en: "Record restored: \(nome) (URL: \(url))", ptBR: "Registro restaurado: \(nome) (URL: \(url))")
    }

    public static func syncWouldRemove(nome: String, url: String) -> LocalizedText {
        LocalizedText(en: "Would remove record: \(nome) (URL: \(url))", ptBR: "Removeria o registro: \(nome) (URL: \(url))")
    }

    public static func syncWouldAdd(nome: String, url: String) -> LocalizedText {
        LocalizedText(en: "Would add record: \(nome) (URL: \(url))", ptBR: "Adicionaria o registro: \(nome) (URL: \(url))")
    }

    public static func syncWouldRestore(nome: String, url: String) -> LocalizedText {
        LocalizedText(en: "Would restore record: \(nome) (URL: \(url))", ptBR: "Restauraria o registro: \(nome) (URL: \(url))")
    }

    public static func syncFinished(added: Int, removed: Int, restored: Int) -> LocalizedText {
        var en = "Sync finished: \(plural(added, "record", "records")) added, \(plural(removed, "record", "records")) removed"
        var pt = "Sincronização concluída: \(plural(added, "registro adicionado", "registros adicionados")), "
            + plural(removed, "registro removido", "registros removidos")
        if restored > 0 {
            en += ", \(plural(restored, "record", "records")) restored"
            pt += ", " + plural(restored, "registro restaurado", "registros restaurados")
        }
        return LocalizedText(en: en, ptBR: pt)
    }

    public static func syncDryRunFinished(added: Int, removed: Int, restored: Int) -> LocalizedText {
        LocalizedText(
            en: "Dry run finished: would add \(added), remove \(removed), restore \(restored) (nothing was changed)",
            ptBR: "Simulação concluída: adicionaria \(added), removeria \(removed), restauraria \(restored) (nada foi alterado)")
    }

    public static func syncError(_ message: String) -> LocalizedText {
        LocalizedText(en: "Error syncing with R2: \(message)", ptBR: "Erro ao sincronizar com R2: \(message)")
    }

    // MARK: Warnings and notes

    public static let syncScopeEmpty = LocalizedText(
        en: "the filter matches nothing: no file and no record in scope; nothing to do",
        ptBR: "o filtro não corresponde a nada: nenhum arquivo e nenhum registro no escopo; nada a fazer")

    public static func syncYoung(_ n: Int, minAge: String) -> LocalizedText {
        LocalizedText(en: "\(n) items changed less than \(minAge) ago left alone (uploads in progress?)",
                      ptBR: "\(n) itens alterados há menos de \(minAge) ignorados (envios em andamento?)")
    }

    public static func syncDotSegments(_ n: Int, example: String) -> LocalizedText {
        LocalizedText(
            en: "\(n) keys have a '.' or '..' segment (e.g. '\(example)'): their public urls fetch other objects; rename them with mv",
            ptBR: "\(n) chaves têm um segmento '.' ou '..' (ex.: '\(example)'): as urls públicas buscam outros objetos; renomeie-as com mv")
    }
    public static func syncDuplicates(_ n: Int) -> LocalizedText {
        LocalizedText(en: "\(n) files have several active records; not fixed automatically (see --report)",
                      ptBR: "\(n) arquivos têm vários registros ativos; não corrigidos automaticamente (veja --report)")
    }

    public static func syncMismatched(_ n: Int) -> LocalizedText {
        LocalizedText(en: "\(n) records disagree with their file on size or type (see --report)",
                      ptBR: "\(n) registros divergem do arquivo em tamanho ou tipo (veja --report)")
    }

    public static func syncForeign(_ n: Int) -> LocalizedText {
        LocalizedText(en: "\(n) records point outside R2_PUBLIC_URL; left untouched (add --url-base if they belong here)",
                      ptBR: "\(n) registros apontam para fora de R2_PUBLIC_URL; mantidos (use --url-base se forem deste bucket)")
    }

    public static func syncUnparseable(_ n: Int) -> LocalizedText {
        LocalizedText(en: "\(n) records have a url that cannot be read as a key; left untouched (see --report)",
                      ptBR: "\(n) registros têm uma url ilegível como chave; mantidos (veja --report)")
    }

    public static func syncConflicts(_ n: Int) -> LocalizedText {
        LocalizedText(en: "\(n) keys exist in the bucket in two Unicode spellings (NFC/NFD); left untouched",
                      ptBR: "\(n) chaves existem no bucket em duas grafias Unicode (NFC/NFD); mantidas")
    }

    public static func syncSizeColumnTooSmall(_ n: Int) -> LocalizedText {
        LocalizedText(en: "\(n) files are larger than the size column holds; their rows get no size (run `catalog check`)",
                      ptBR: "\(n) arquivos excedem a coluna size; seus registros ficam sem tamanho (rode `catalog check`)")
    }

    public static func syncConfirm(added: Int, removed: Int, restored: Int) -> LocalizedText {
        LocalizedText(en: "Apply: add \(added), soft-delete \(removed), restore \(restored) records?",
                      ptBR: "Aplicar: adicionar \(added), remover \(removed), restaurar \(restored) registros?")
    }

    public static let syncDeclined = LocalizedText(en: "cancelled; nothing was changed", ptBR: "cancelado; nada foi alterado")

    public static func syncReadProgress(objects: Int, records: Int) -> LocalizedText {
        LocalizedText(en: "reading: \(objects) files, \(records) records", ptBR: "lendo: \(objects) arquivos, \(records) registros")
    }

    public static func syncHeadProgress(_ done: Int, _ total: Int) -> LocalizedText {
        LocalizedText(en: "checking types: \(done)/\(total)", ptBR: "verificando tipos: \(done)/\(total)")
    }

    public static func syncApplyProgress(_ done: Int, _ total: Int) -> LocalizedText {
        LocalizedText(en: "applying: \(done)/\(total)", ptBR: "aplicando: \(done)/\(total)")
    }

    public static func syncNextRun(_ every: String) -> LocalizedText {
        LocalizedText(en: "Next sync in \(every) (Ctrl-C stops)", ptBR: "Próxima sincronização em \(every) (Ctrl-C para)")
    }

    public static func syncCheckDrift(_ changes: Int) -> LocalizedText {
        LocalizedText(en: "Drift found: \(changes) changes pending (run `sync`)",
                      ptBR: "Divergência encontrada: \(changes) alterações pendentes (rode `sync`)")
    }

    public static let syncCheckClean = LocalizedText(en: "Bucket and catalog agree", ptBR: "Bucket e catálogo estão de acordo")

    /// `check` with nothing to do now but items younger than `--min-age` (exit 7).
    public static func syncCheckPending(_ n: Int, minAge: String) -> LocalizedText {
        LocalizedText(
            en: "No drift older than \(minAge), but \(n) items are pending (changed less than \(minAge) ago): check again later, or use --min-age 0 to count them now",
            ptBR: "Nenhuma divergência com mais de \(minAge), mas \(n) itens estão pendentes (alterados há menos de \(minAge)): verifique mais tarde ou use --min-age 0 para contá-los agora")
    }

    public static func syncAmbiguous(_ n: Int) -> LocalizedText {
        LocalizedText(en: "\(n) rows are ambiguous (a url naming two existing objects, or a deletion too close to its object's last change); left untouched, fix by hand (see --report)",
                      ptBR: "\(n) registros são ambíguos (url que nomeia dois objetos existentes, ou exclusão próxima demais da última alteração do objeto); mantidos, corrija à mão (veja --report)")
    }

    public static func syncKeptOut(_ n: Int) -> LocalizedText {
        LocalizedText(en: "\(n) files stay out of the catalog: their rows were deleted on purpose after the file's last change (upload the file again, or `restore ID`, to bring a row back)",
                      ptBR: "\(n) arquivos ficam fora do catálogo: seus registros foram excluídos de propósito após a última alteração do arquivo (envie o arquivo de novo, ou `restore ID`, para trazer o registro de volta)")
    }

    public static func syncPlanWritten(_ path: String, _ n: Int) -> LocalizedText {
        LocalizedText(en: "Plan with \(n) changes written to \(path); review it, then run: r2s -f \(path)",
                      ptBR: "Plano com \(n) alterações gravado em \(path); revise e rode: r2s -f \(path)")
    }

    public static func syncReportWritten(_ path: String, _ n: Int) -> LocalizedText {
        LocalizedText(en: "Report with \(n) items written to \(path)", ptBR: "Relatório com \(n) itens gravado em \(path)")
    }

    // MARK: Errors (message + hint)

    public static func syncListFailed(_ m: String) -> LocalizedText {
        LocalizedText(en: "listing the bucket failed: \(m); nothing was changed",
                      ptBR: "a listagem do bucket falhou: \(m); nada foi alterado")
    }

    public static func syncCatalogFailed(_ m: String) -> LocalizedText {
        LocalizedText(en: "reading the catalog failed: \(m); nothing was changed",
                      ptBR: "a leitura do catálogo falhou: \(m); nada foi alterado")
    }

    public static let syncReadHint = LocalizedText(
        en: "sync never acts on a partial listing; fix the connection and run it again",
        ptBR: "o sync nunca age sobre uma listagem parcial; corrija a conexão e rode de novo")

    public static func syncApplyFailed(_ m: String, done: Int, total: Int) -> LocalizedText {
        LocalizedText(en: "applying the changes failed after \(done) of \(total): \(m)",
                      ptBR: "a aplicação das alterações falhou após \(done) de \(total): \(m)")
    }

    public static let syncApplyHint = LocalizedText(
        en: "run the same sync again: it continues where it stopped and repeats nothing already applied",
        ptBR: "rode o mesmo sync de novo: ele continua de onde parou e não repete o que já foi aplicado")

    public static func syncReplanned(dropped: Int, appeared: Int) -> LocalizedText {
        LocalizedText(
            en: "the bucket or catalog changed while you answered: \(dropped) approved changes no longer apply and were skipped; \(appeared) new changes were not applied (run sync again to review them)",
            ptBR: "o bucket ou o catálogo mudou enquanto você respondia: \(dropped) alterações aprovadas não se aplicam mais e foram puladas; \(appeared) alterações novas não foram aplicadas (rode o sync de novo para revisá-las)")
    }

    public static let syncLockHint = LocalizedText(
        en: "wait for it to finish and run again; `check` and `sync --dry-run` work meanwhile",
        ptBR: "espere terminar e rode de novo; `check` e `sync --dry-run` funcionam enquanto isso")

    public static func syncRefusedEmpty(records: Int) -> LocalizedText {
        LocalizedText(
            en: "refused: the bucket lists no file in scope while the catalog has \(records) active records; nothing was changed",
            ptBR: "recusado: o bucket não lista nenhum arquivo no escopo e o catálogo tem \(records) registros ativos; nada foi alterado")
    }

    public static let syncRefusedEmptyHint = LocalizedText(
        en: "check R2_BUCKET, the prefix and the filter; if the bucket really is empty, rerun with --allow-empty",
        ptBR: "confira R2_BUCKET, o prefixo e o filtro; se o bucket estiver mesmo vazio, rode de novo com --allow-empty")

    public static func syncRefusedMaxDelete(planned: Int, limit: Int, setting: String) -> LocalizedText {
        LocalizedText(
            en: "refused: \(planned) records would be removed, more than --max-delete \(setting) allows (\(limit)); nothing was changed",
            ptBR: "recusado: \(planned) registros seriam removidos, mais do que --max-delete \(setting) permite (\(limit)); nada foi alterado")
    }

    public static func syncRefusedMaxDeleteHint(planned: Int) -> LocalizedText {
        LocalizedText(
            en: "review with `sync --dry-run --report removed.csv`; to proceed, rerun with --max-delete \(planned) (or a share such as 50%)",
            ptBR: "revise com `sync --dry-run --report removidos.csv`; para prosseguir, rode com --max-delete \(planned) (ou uma fração como 50%)")
    }

    // MARK: sync-item (plan lines)

    public static func syncItemNoObject(_ key: String) -> LocalizedText {
        LocalizedText(en: "skipped: the file '\(key)' is not in the bucket (any more); nothing added",
                      ptBR: "ignorado: o arquivo '\(key)' não está (mais) no bucket; nada adicionado")
    }

    public static func syncItemHasRow(_ key: String) -> LocalizedText {
        LocalizedText(en: "skipped: '\(key)' already has an active record", ptBR: "ignorado: '\(key)' já tem um registro ativo")
    }

    public static func syncItemObjectExists(_ key: String) -> LocalizedText {
        LocalizedText(en: "skipped: the file '\(key)' exists; record not removed",
                      ptBR: "ignorado: o arquivo '\(key)' existe; registro não removido")
    }

    public static func syncItemObjectGone(_ key: String) -> LocalizedText {
        LocalizedText(en: "skipped: the file '\(key)' is gone; record not restored",
                      ptBR: "ignorado: o arquivo '\(key)' não existe; registro não restaurado")
    }

    public static func syncItemAlreadyRemoved(_ id: String) -> LocalizedText {
        LocalizedText(en: "skipped: record \(id) is already removed", ptBR: "ignorado: o registro \(id) já está removido")
    }

    public static func syncItemAlreadyActive(_ id: String) -> LocalizedText {
        LocalizedText(en: "skipped: record \(id) is already active", ptBR: "ignorado: o registro \(id) já está ativo")
    }

    public static func syncItemNotFound(_ id: String) -> LocalizedText {
        LocalizedText(en: "no record with id \(id)", ptBR: "nenhum registro com id \(id)")
    }

    public static func syncItemNotOurs(_ url: String) -> LocalizedText {
        LocalizedText(en: "the record's url is not a key of this bucket (\(url)); not touched",
                      ptBR: "a url do registro não é uma chave deste bucket (\(url)); mantido")
    }

    public static let syncItemBadEncoding = LocalizedText(
        en: "the key is not valid percent-encoded UTF-8", ptBR: "a chave não é UTF-8 válido com codificação percentual")

    static func plural(_ n: Int, _ one: String, _ many: String) -> String { "\(n) " + (n == 1 ? one : many) }
}
