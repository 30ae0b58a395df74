import UserFacing

/// The failures of shared sync runs (`sync --workers`, `sync --join`).
extension CatalogError {
    /// `r2s_sync_runs` / `r2s_sync_leases` are missing: no shared run can be coordinated.
    public static func runTablesMissing(sql: [String]) -> CatalogError {
        CatalogError(
            .tableMissing,
            LocalizedText(
                en: "the run tables \(CatalogSchema.runsTable) and \(CatalogSchema.runLeasesTable) do not exist: workers cannot share a sync",
                ptBR: "as tabelas de execução \(CatalogSchema.runsTable) e \(CatalogSchema.runLeasesTable) não existem: workers não podem dividir um sync"),
            hint: LocalizedText(
                en: "run `catalog init --upgrade` (with DATABASE_URL), or this SQL: " + sql.map { $0 + ";" }.joined(separator: " "),
                ptBR: "rode `catalog init --upgrade` (com DATABASE_URL), ou este SQL: " + sql.map { $0 + ";" }.joined(separator: " ")))
    }

    /// A batch was refused because the partition's lease is no longer this worker's.
    public static func partitionLeaseLost(_ prefix: String) -> CatalogError {
        CatalogError(
            .locked,
            LocalizedText(
                en: "the lease on partition '\(prefix)' expired or was taken over by another worker; this batch was not committed",
                ptBR: "a concessão da partição '\(prefix)' expirou ou foi assumida por outro worker; este lote não foi gravado"),
            hint: LocalizedText(
                en: "nothing is lost: the worker that holds it now plans the partition again from a fresh read",
                ptBR: "nada se perde: o worker que a detém agora planeja a partição de novo a partir de uma leitura nova"))
    }
}
