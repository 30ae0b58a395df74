import R2SCore

/// The texts `watch` adds to the sync log (same format and languages as sync's lines).
extension LocalizedText {
    static func watchStarted(queue: String, bucket: String) -> LocalizedText { .init(en: "Watching \(queue) for events of bucket \(bucket)", ptBR: "Acompanhando \(queue) para eventos do bucket \(bucket)") }

    static func watchRecordUpdated(nome: String, url: String) -> LocalizedText { .init(en: "Record updated: \(nome) (URL: \(url))", ptBR: "Registro atualizado: \(nome) (URL: \(url))") }

    static func watchUndecodable(id: String, attempts: Int) -> LocalizedText { .init(en: "Message \(id) (delivery \(attempts)) is not an R2 event notification: left to the queue's retry/dead-letter policy", ptBR: "Mensagem \(id) (entrega \(attempts)) não é uma notificação de evento do R2: deixada para a política de nova tentativa/dead-letter da fila") }

    static func watchRetrying(_ why: String, seconds: Double) -> LocalizedText {
        let s = seconds < 10 ? String(Double(Int(seconds * 10)) / 10) : String(Int(seconds))
        return LocalizedText(en: "\(why); trying again in \(s) s", ptBR: "\(why); nova tentativa em \(s) s")
    }

    static func watchBatchFailed(_ why: String) -> LocalizedText { .init(en: "Batch not applied, its messages will be delivered again: \(why)", ptBR: "Lote não aplicado, suas mensagens serão entregues de novo: \(why)") }

    static func watchAckFailed(_ why: String) -> LocalizedText { .init(en: "Could not ack the batch (it was applied; redelivery is harmless): \(why)", ptBR: "Não foi possível confirmar o lote (já aplicado; a nova entrega é inofensiva): \(why)") }

    static func watchYoung(_ n: Int, minAge: String) -> LocalizedText { .init(en: "\(n) keys changed less than \(minAge) ago: handed back to the queue for later", ptBR: "\(n) chaves alteradas há menos de \(minAge): devolvidas à fila para depois") }

    static func watchReconcile(_ every: String) -> LocalizedText { .init(en: "Full sync of the scope (--reconcile-every \(every))", ptBR: "Sincronização completa do escopo (--reconcile-every \(every))") }

    static func watchStatus(backlog: Int?, perSecond: Double, applied: Int) -> LocalizedText {
        let b = backlog.map(String.init) ?? "?"
        let r = String(Int(perSecond.rounded()))
        return LocalizedText(en: "watch: backlog \(b) · \(r) events/s · \(applied) applied",
                             ptBR: "watch: fila \(b) · \(r) eventos/s · \(applied) aplicados")
    }

    static func watchFinished(pulled: Int, added: Int, removed: Int, restored: Int, updated: Int) -> LocalizedText { .init(en: "Watch finished: \(pulled) events, \(added) added, \(removed) removed, \(restored) restored, \(updated) updated", ptBR: "Watch concluído: \(pulled) eventos, \(added) adicionados, \(removed) removidos, \(restored) restaurados, \(updated) atualizados") }

    static let watchNoQueue = LocalizedText(en: "watch is not available in this shell (no event queue is wired in)", ptBR: "o watch não está disponível neste shell (nenhuma fila de eventos configurada)")

    static let watchNoBucket = LocalizedText(en: "R2_BUCKET is not set", ptBR: "R2_BUCKET não está definido")
    static let watchNoBucketHint = LocalizedText(en: "watch compares each event's bucket with R2_BUCKET: set it in the profile, then run `profile show`", ptBR: "o watch compara o bucket de cada evento com R2_BUCKET: defina-o no perfil e rode `profile show`")
}
