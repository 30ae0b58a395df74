import UserFacing

/// The texts of shared runs (`sync --workers N`, `sync --join`).
extension LocalizedText {
    static func workersStarted(_ run: String, partitions: Int, workers: Int) -> LocalizedText { .init(en: "Run \(run): \(partitions) partitions, \(workers) workers", ptBR: "Execução \(run): \(partitions) partições, \(workers) workers") }

    static func workersResuming(_ run: String) -> LocalizedText { .init(en: "Continuing run \(run): its planner stopped before it ended", ptBR: "Continuando a execução \(run): seu planejador parou antes do fim") }

    static func workersResumingPartition(_ prefix: String, batches: Int, lastKey: String) -> LocalizedText { .init(en: "Taking over partition '\(prefix)' after batch \(batches) (last key \(lastKey)): what was committed is kept, the rest is planned again", ptBR: "Assumindo a partição '\(prefix)' após o lote \(batches) (última chave \(lastKey)): o que foi gravado fica, o resto é planejado de novo") }

    static func workersResumingAfterKey(_ prefix: String, key: String, batches: Int) -> LocalizedText { .init(en: "Resuming partition '\(prefix)' after key \(key) (batch \(batches)): every change at or below it is committed; only the keys after it are listed", ptBR: "Retomando a partição '\(prefix)' após a chave \(key) (lote \(batches)): toda alteração até ela está gravada; só as chaves depois dela são listadas") }

    static func workersResumed(_ prefix: String, key: String, listed: Int, changes: Int) -> LocalizedText { .init(en: "Partition '\(prefix)' resumed after key \(key): \(listed) keys listed, \(changes) changes planned", ptBR: "Partição '\(prefix)' retomada após a chave \(key): \(listed) chaves listadas, \(changes) alterações planejadas") }

    static func workersPlannedInPartitions(_ prefix: String, _ partitions: Int, changes: Int) -> LocalizedText { .init(en: "Partition '\(prefix)': planned in \(partitions) partitions: \(changes) changes in a temporary plan file", ptBR: "Partição '\(prefix)': planejada em \(partitions) partições: \(changes) alterações em um arquivo temporário de plano") }

    static func workersJoining(_ run: String) -> LocalizedText {
        LocalizedText(en: "Joining run \(run)", ptBR: "Entrando na execução \(run)")
    }

    static let workersGone = LocalizedText(en: "every worker process has exited with work left; continuing in this process (their partitions are taken over as their leases expire)", ptBR: "todos os workers saíram com trabalho pendente; continuando neste processo (as partições deles são assumidas quando as concessões expiram)")

    static func workersCrossPartition(_ n: Int) -> LocalizedText { .init(en: "\(n) rows were not soft-deleted: their url may name a key in another partition; a sync without --workers decides them", ptBR: "\(n) registros não foram removidos: a url deles pode indicar uma chave de outra partição; um sync sem --workers decide") }

    static func workersDeferred(_ n: Int) -> LocalizedText { .init(en: "\(n) soft-deletes were left for the next sync: the fresh read found more than the guards approved", ptBR: "\(n) remoções ficaram para o próximo sync: a leitura nova achou mais do que as proteções aprovaram") }

    static let workersNothingToJoin = LocalizedText(en: "no shared sync is in progress for this profile and scope", ptBR: "nenhum sync compartilhado está em andamento para este perfil e escopo")

    static let workersNothingToJoinHint = LocalizedText(en: "start one with `sync --workers N` (same scope flags), then `sync --join` from other shells or machines", ptBR: "inicie um com `sync --workers N` (mesmas opções de escopo), depois `sync --join` de outros shells ou máquinas")

    static func workersUnsupported(_ catalog: String) -> LocalizedText { .init(en: "the catalog \(catalog) cannot share a sync between processes", ptBR: "o catálogo \(catalog) não pode dividir um sync entre processos") }

    static func workersRunGone(_ run: String) -> LocalizedText { .init(en: "the shared run \(run) is no longer in the run table (deleted by hand?)", ptBR: "a execução compartilhada \(run) não está mais na tabela de execuções (apagada à mão?)") }

    static func workersTooManyStrays(_ n: Int) -> LocalizedText { .init(en: "more than \(n) rows name keys in another partition than the one their url is read by: the run stops before any change", ptBR: "mais de \(n) registros indicam chaves de outra partição que não a lida pela url deles: a execução para antes de qualquer mudança") }

    static let workersTooManyStraysHint = LocalizedText(en: "sync without --workers (one process resolves every url against the whole listing), or `catalog normalize-urls` first", ptBR: "sincronize sem --workers (um processo resolve cada url contra a listagem inteira), ou rode `catalog normalize-urls` antes")
}
