import Catalog
import UserFacing
import SQLite

extension SQLiteCatalog {
    /// Maps SQLite failures to what the operator needs to know.
    static func map(_ error: SQLiteError, table: CatalogTable, path: String) -> CatalogError {
        let code = String(error.code)
        if error.message.hasPrefix("no such table") {
            return CatalogError.tableMissing(table.name, serverCode: code)
        }
        if error.code == 787 {  // SQLITE_CONSTRAINT_FOREIGNKEY
            return CatalogError.foreignKey(nil, serverCode: code)
        }
        if error.isBusy {
            return CatalogError(
                .server, LocalizedText(en: "the catalog file is busy: \(path)", ptBR: "o arquivo do catálogo está ocupado: \(path)"),
                hint: LocalizedText(
                    en: "another program holds a write lock on it; try again when it finishes",
                    ptBR: "outro programa está gravando nele; tente de novo quando terminar"),
                serverCode: code)
        }
        if error.isCannotOpen || error.isNotADatabase {
            return CatalogError(
                .connection,
                LocalizedText(en: "cannot open the catalog file \(path): \(error.message)", ptBR: "não foi possível abrir o arquivo do catálogo \(path): \(error.message)"),
                hint: "check the path and its permissions", serverCode: code)
        }
        return CatalogError(.server, LocalizedText("sqlite: \(error.message)"), serverCode: code)
    }
}
