import Catalog
import Postgres
import UserFacing

extension PostgresCatalog {
    /// Maps libpq/server failures to operator-facing errors, with the URL's password and any
    /// URL userinfo scrubbed from libpq's text (its parse errors quote the connection string).
    func map(_ error: PostgresError) -> CatalogError {
        classify(error).scrubbing(urlSecrets)
    }

    private func classify(_ error: PostgresError) -> CatalogError {
        let state = error.sqlState
        switch (error.code, state) {
        case (.connection, _) where error.message.contains("password authentication failed"),
            (_, "28P01"), (_, "28000"):
            return CatalogError(
                .authentication, LocalizedText(en: "postgres refused the login: \(error.message)", ptBR: "o postgres recusou o login: \(error.message)"),
                hint: LocalizedText(
                    en: "check the user and password in DATABASE_URL (Supabase pooler users are postgres.<project-ref>)",
                    ptBR: "confira usuário e senha em DATABASE_URL (no pooler do Supabase o usuário é postgres.<project-ref>)"),
                serverCode: state)
        case (.connection, _):
            return CatalogError(
                .connection,
                LocalizedText(en: "cannot reach postgres (\(redactedURL)): \(error.message)", ptBR: "não foi possível conectar ao postgres (\(redactedURL)): \(error.message)"),
                hint: LocalizedText(
                    en: "check DATABASE_URL's host and port, and sslmode (Supabase needs sslmode=require)",
                    ptBR: "confira host e porta em DATABASE_URL, e sslmode (o Supabase exige sslmode=require)"),
                serverCode: state)
        case (_, "42P01"):
            return error.message.contains("usuarios")
                ? CatalogError(
                    .tableMissing, LocalizedText(en: "table usuarios does not exist", ptBR: "a tabela usuarios não existe"),
                    hint: "for a development database run `catalog init --with-usuarios`", serverCode: state)
                : CatalogError.tableMissing(table.name, serverCode: state)
        case (_, "42883") where error.message.contains("uuid_generate_v4"):
            return CatalogError(
                .schema, LocalizedText("uuid_generate_v4() is not available (extension uuid-ossp missing)"),
                hint: "run `catalog init --with-usuarios` on a development database, or CREATE EXTENSION \"uuid-ossp\"",
                serverCode: state)
        case (_, "23503"):
            return CatalogError.foreignKey(error.detail, serverCode: state)
        case (_, "22003"):
            return CatalogError(
                .outOfRange, LocalizedText(en: "value out of range: \(error.message)", ptBR: "valor fora do intervalo: \(error.message)"),
                hint: LocalizedText(CatalogSchema.widenSizeSQL(table) + ";"), serverCode: state)
        case (_, "42501"):
            return CatalogError(
                .permission, LocalizedText(en: "permission denied: \(error.message)", ptBR: "permissão negada: \(error.message)"),
                hint: "connect as a role that owns or may write the table", serverCode: state)
        case (_, "42P07"):
            return CatalogError(.tableExists, LocalizedText("already exists: \(error.message)"), serverCode: state)
        case (_, "26000"), (_, "42P05"):
            return CatalogError(
                .server, LocalizedText("prepared statement error: \(error.message)"),
                hint: "r2s uses only unnamed statements; if this comes from a pooler, use its session mode (port 5432)",
                serverCode: state)
        default:
            let code = state.map { " [\($0)]" } ?? ""
            return CatalogError(.server, LocalizedText("postgres: \(error.message)\(code)"), hint: error.hint.map { LocalizedText($0) }, serverCode: state)
        }
    }
}
