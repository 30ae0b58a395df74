import R2SCore

extension LocalizedText {
    /// `sync --partition-size`: the plan was made partition by partition (issue 17 §2).
    static func syncPartitioned(_ partitions: Int, changes: Int) -> LocalizedText { .init(en: "Planned in \(partitions) partitions: \(changes) changes in a temporary plan file", ptBR: "Planejado em \(partitions) partições: \(changes) alterações em um arquivo temporário de plano") }
}
