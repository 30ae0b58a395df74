import UserFacing

/// Every text the `sync`, `check` and `watch` commands show, in English and in the original
/// system's Portuguese. The log wording follows the original app's log lines exactly (pt-BR).
/// The engine keeps only what its own errors say (Sources/SyncEngine/Messages.swift).
extension LocalizedText {
    // MARK: Log lines (the original's wording)

    static func syncFoundObjects(_ n: Int) -> LocalizedText { .init(en: "Found \(n) files in R2", ptBR: "Encontrados \(n) arquivos no R2") }

    /// `table` is the catalog table's name (`storage` unless `R2S_TABLE` says otherwise).
    static func syncFoundRecords(_ n: Int, table: String = "storage") -> LocalizedText { .init(en: "Found \(n) active records in the \(table) table", ptBR: "Encontrados \(n) registros ativos na tabela \(table)") }

    static func syncRecordRemoved(nome: String, url: String) -> LocalizedText { .init(en: "Record removed: \(nome) (URL: \(url))", ptBR: "Registro removido: \(nome) (URL: \(url))") }

    static func syncRecordAdded(nome: String, url: String) -> LocalizedText { .init(en: "Record added: \(nome) (URL: \(url))", ptBR: "Registro adicionado: \(nome) (URL: \(url))") }

    static func syncRecordRestored(nome: String, url: String) -> LocalizedText { .init(en: "Record restored: \(nome) (URL: \(url))", ptBR: "Registro restaurado: \(nome) (URL: \(url))") }

    static func syncWouldRemove(nome: String, url: String) -> LocalizedText { .init(en: "Would remove record: \(nome) (URL: \(url))", ptBR: "Removeria o registro: \(nome) (URL: \(url))") }

    static func syncWouldAdd(nome: String, url: String) -> LocalizedText { .init(en: "Would add record: \(nome) (URL: \(url))", ptBR: "Adicionaria o registro: \(nome) (URL: \(url))") }

    static func syncWouldRestore(nome: String, url: String) -> LocalizedText { .init(en: "Would restore record: \(nome) (URL: \(url))", ptBR: "Restauraria o registro: \(nome) (URL: \(url))") }

    static func syncFinished(added: Int, removed: Int, restored: Int) -> LocalizedText {
        var en = "Sync finished: \(syncPlural(added, "record", "records")) added, \(syncPlural(removed, "record", "records")) removed"
        var pt = "Sincronização concluída: \(syncPlural(added, "registro adicionado", "registros adicionados")), "
            + syncPlural(removed, "registro removido", "registros removidos")
        if restored > 0 {
            en += ", \(syncPlural(restored, "record", "records")) restored"
            pt += ", " + syncPlural(restored, "registro restaurado", "registros restaurados")
        }
        return LocalizedText(en: en, ptBR: pt)
    }

    static func syncDryRunFinished(added: Int, removed: Int, restored: Int) -> LocalizedText { .init(en: "Dry run finished: would add \(added), remove \(removed), restore \(restored) (nothing was changed)", ptBR: "Simulação concluída: adicionaria \(added), removeria \(removed), restauraria \(restored) (nada foi alterado)") }

    static func syncError(_ message: String) -> LocalizedText { .init(en: "Error syncing with R2: \(message)", ptBR: "Erro ao sincronizar com R2: \(message)") }

    // MARK: Warnings and notes

    static let syncScopeEmpty = LocalizedText(en: "the filter matches nothing: no file and no record in scope; nothing to do", ptBR: "o filtro não corresponde a nada: nenhum arquivo e nenhum registro no escopo; nada a fazer")

    static func syncYoung(_ n: Int, minAge: String) -> LocalizedText { .init(en: "\(n) items changed less than \(minAge) ago left alone (uploads in progress?)", ptBR: "\(n) itens alterados há menos de \(minAge) ignorados (envios em andamento?)") }

    static func syncDotSegments(_ n: Int, example: String) -> LocalizedText { .init(en: "\(n) keys have a '.' or '..' segment (e.g. '\(example)'): their public urls fetch other objects; rename them with mv", ptBR: "\(n) chaves têm um segmento '.' ou '..' (ex.: '\(example)'): as urls públicas buscam outros objetos; renomeie-as com mv") }
    static func syncDuplicates(_ n: Int) -> LocalizedText { .init(en: "\(n) files have several active records; not fixed automatically (see --report)", ptBR: "\(n) arquivos têm vários registros ativos; não corrigidos automaticamente (veja --report)") }

    static func syncMismatched(_ n: Int) -> LocalizedText { .init(en: "\(n) records disagree with their file on size or type (see --report)", ptBR: "\(n) registros divergem do arquivo em tamanho ou tipo (veja --report)") }

    static func syncForeign(_ n: Int) -> LocalizedText { .init(en: "\(n) records point outside R2_PUBLIC_URL; left untouched (add --url-base if they belong here)", ptBR: "\(n) registros apontam para fora de R2_PUBLIC_URL; mantidos (use --url-base se forem deste bucket)") }

    static func syncUnparseable(_ n: Int) -> LocalizedText { .init(en: "\(n) records have a url that cannot be read as a key; left untouched (see --report)", ptBR: "\(n) registros têm uma url ilegível como chave; mantidos (veja --report)") }

    static func syncConflicts(_ n: Int) -> LocalizedText { .init(en: "\(n) keys exist in the bucket in two Unicode spellings (NFC/NFD); left untouched", ptBR: "\(n) chaves existem no bucket em duas grafias Unicode (NFC/NFD); mantidas") }

    static func syncSizeColumnTooSmall(_ n: Int) -> LocalizedText { .init(en: "\(n) files are larger than the size column holds; their rows get no size (run `catalog check`)", ptBR: "\(n) arquivos excedem a coluna size; seus registros ficam sem tamanho (rode `catalog check`)") }

    static func syncConfirm(added: Int, removed: Int, restored: Int) -> LocalizedText { .init(en: "Apply: add \(added), soft-delete \(removed), restore \(restored) records?", ptBR: "Aplicar: adicionar \(added), remover \(removed), restaurar \(restored) registros?") }

    static func syncReadProgress(objects: Int, records: Int) -> LocalizedText { .init(en: "reading: \(objects) files, \(records) records", ptBR: "lendo: \(objects) arquivos, \(records) registros") }

    static func syncHeadProgress(_ done: Int, _ total: Int) -> LocalizedText { .init(en: "checking types: \(done)/\(total)", ptBR: "verificando tipos: \(done)/\(total)") }

    static func syncApplyProgress(_ done: Int, _ total: Int) -> LocalizedText { .init(en: "applying: \(done)/\(total)", ptBR: "aplicando: \(done)/\(total)") }

    static func syncNextRun(_ every: String) -> LocalizedText { .init(en: "Next sync in \(every) (Ctrl-C stops)", ptBR: "Próxima sincronização em \(every) (Ctrl-C para)") }

    static func syncCheckDrift(_ changes: Int) -> LocalizedText { .init(en: "Drift found: \(changes) changes pending (run `sync`)", ptBR: "Divergência encontrada: \(changes) alterações pendentes (rode `sync`)") }

    static let syncCheckClean = LocalizedText(en: "Bucket and catalog agree", ptBR: "Bucket e catálogo estão de acordo")

    /// `check` with nothing to do now but items younger than `--min-age` (exit 7).
    static func syncCheckPending(_ n: Int, minAge: String) -> LocalizedText { .init(en: "No drift older than \(minAge), but \(n) items are pending (changed less than \(minAge) ago): check again later, or use --min-age 0 to count them now", ptBR: "Nenhuma divergência com mais de \(minAge), mas \(n) itens estão pendentes (alterados há menos de \(minAge)): verifique mais tarde ou use --min-age 0 para contá-los agora") }

    static func syncAmbiguous(_ n: Int) -> LocalizedText { .init(en: "\(n) rows are ambiguous (a url naming two existing objects, or a deletion too close to its object's last change); left untouched, fix by hand (see --report)", ptBR: "\(n) registros são ambíguos (url que nomeia dois objetos existentes, ou exclusão próxima demais da última alteração do objeto); mantidos, corrija à mão (veja --report)") }

    static func syncKeptOut(_ n: Int) -> LocalizedText { .init(en: "\(n) files stay out of the catalog: their rows were deleted on purpose after the file's last change (upload the file again, or `restore ID`, to bring a row back)", ptBR: "\(n) arquivos ficam fora do catálogo: seus registros foram excluídos de propósito após a última alteração do arquivo (envie o arquivo de novo, ou `restore ID`, para trazer o registro de volta)") }

    static func syncPlanWritten(_ path: String, _ n: Int) -> LocalizedText { .init(en: "Plan with \(n) changes written to \(path); review it, then run: r2s -f \(path)", ptBR: "Plano com \(n) alterações gravado em \(path); revise e rode: r2s -f \(path)") }

    static func syncReportWritten(_ path: String, _ n: Int) -> LocalizedText { .init(en: "Report with \(n) items written to \(path)", ptBR: "Relatório com \(n) itens gravado em \(path)") }

    // MARK: Errors and notes the command adds to the engine's

    static func syncReplanned(dropped: Int, appeared: Int) -> LocalizedText { .init(en: "the bucket or catalog changed while you answered: \(dropped) approved changes no longer apply and were skipped; \(appeared) new changes were not applied (run sync again to review them)", ptBR: "o bucket ou o catálogo mudou enquanto você respondia: \(dropped) alterações aprovadas não se aplicam mais e foram puladas; \(appeared) alterações novas não foram aplicadas (rode o sync de novo para revisá-las)") }

    // MARK: sync-item (plan lines)

    static func syncItemNoObject(_ key: String) -> LocalizedText { .init(en: "skipped: the file '\(key)' is not in the bucket (any more); nothing added", ptBR: "ignorado: o arquivo '\(key)' não está (mais) no bucket; nada adicionado") }

    static func syncItemHasRow(_ key: String) -> LocalizedText { .init(en: "skipped: '\(key)' already has an active record", ptBR: "ignorado: '\(key)' já tem um registro ativo") }

    static func syncItemObjectExists(_ key: String) -> LocalizedText { .init(en: "skipped: the file '\(key)' exists; record not removed", ptBR: "ignorado: o arquivo '\(key)' existe; registro não removido") }

    static func syncItemObjectGone(_ key: String) -> LocalizedText { .init(en: "skipped: the file '\(key)' is gone; record not restored", ptBR: "ignorado: o arquivo '\(key)' não existe; registro não restaurado") }

    static func syncItemAlreadyRemoved(_ id: String) -> LocalizedText { .init(en: "skipped: record \(id) is already removed", ptBR: "ignorado: o registro \(id) já está removido") }

    static func syncItemAlreadyActive(_ id: String) -> LocalizedText { .init(en: "skipped: record \(id) is already active", ptBR: "ignorado: o registro \(id) já está ativo") }

    static func syncItemNotOurs(_ url: String) -> LocalizedText { .init(en: "the record's url is not a key of this bucket (\(url)); not touched", ptBR: "a url do registro não é uma chave deste bucket (\(url)); mantido") }

    static let syncItemBadEncoding = LocalizedText(en: "the key is not valid percent-encoded UTF-8", ptBR: "a chave não é UTF-8 válido com codificação percentual")

    static func syncPlural(_ n: Int, _ one: String, _ many: String) -> String { "\(n) " + (n == 1 ? one : many) }
}
