public import FoundationEssentials
public import UserFacing

/// The failures every catalog store reports in the same words, defined once so `catalog init`
/// and a lost row read alike whichever backend the profile names.
extension CatalogError {
    /// `catalog init` found the table already there; nothing was changed. `hint` says what to do
    /// instead (a store that can upgrade in place says so).
    public static func tableExists(_ table: CatalogTable, hint: LocalizedText = .compareWithSchema) -> CatalogError {
        CatalogError(
            .tableExists,
            LocalizedText(
                en: "table '\(table.name)' already exists; nothing was changed",
                ptBR: "a tabela '\(table.name)' já existe; nada foi alterado"),
            hint: hint)
    }

    /// A write by id found no row (deleted meanwhile, or hidden from this key).
    public static func noRecord(_ id: UUID, hint: LocalizedText? = nil) -> CatalogError {
        CatalogError(.notFound, .noRecord(id: id.uuidString.lowercased()), hint: hint)
    }
}

extension LocalizedText {
    /// No row has this id (as the user typed it, or a store's lowercase UUID).
    public static func noRecord(id: String) -> LocalizedText {
        LocalizedText(en: "no record with id \(id)", ptBR: "nenhum registro com id \(id)")
    }

    /// The hint after `catalog init` found an existing table.
    public static let compareWithSchema = LocalizedText(
        en: "run `catalog check` to compare it with the expected schema",
        ptBR: "rode `catalog check` para compará-la com o esquema esperado")
}
