import Catalog
import FoundationEssentials
import UserFacing

/// PostgREST's error body.
struct PostgRESTErrorBody: Decodable {
    var code: String?
    var message: String?
    var details: String?
    var hint: String?
}

extension PostgRESTCatalog {
    /// Maps an error response (`{code,message,details,hint}`) to an operator-facing error. The
    /// key is never part of it: Supabase's messages do not echo it, and r2s adds none.
    func map(_ response: PostgRESTResponse) -> CatalogError {
        let body = try? JSONDecoder().decode(PostgRESTErrorBody.self, from: Data(response.body))
        let code = body?.code
        let message = body?.message ?? "HTTP \(response.status)"
        let serverHint = body?.hint.map { LocalizedText($0) }
        switch (response.status, code) {
        case (401, _), (_, "PGRST301"), (_, "PGRST302"):
            return CatalogError(
                .authentication,
                LocalizedText(en: "Supabase refused the API key: \(message)", ptBR: "o Supabase recusou a chave de API: \(message)"),
                hint: LocalizedText(
                    en: "check SUPABASE_KEY: use the project's secret key (sb_secret_…) or the service_role key",
                    ptBR: "confira SUPABASE_KEY: use a chave secreta do projeto (sb_secret_…) ou a service_role"),
                serverCode: code ?? "401")
        case (_, "42501"), (403, _):
            return CatalogError(
                .permission, LocalizedText(en: "permission denied: \(message)", ptBR: "permissão negada: \(message)"),
                hint: LocalizedText(
                    en: "row-level security or grants refuse this key; use the secret key (sb_secret_…) or service_role",
                    ptBR: "RLS ou permissões recusam esta chave; use a chave secreta (sb_secret_…) ou a service_role"),
                serverCode: code)
        case (_, "PGRST205"), (_, "42P01"), (404, _):
            return CatalogError.tableMissing(table.name, serverCode: code)
        case (_, "23503"):
            return CatalogError.foreignKey(body?.details, serverCode: code)
        case (_, "22003"):
            return CatalogError(
                .outOfRange, LocalizedText(en: "value out of range: \(message)", ptBR: "valor fora do intervalo: \(message)"),
                hint: LocalizedText(CatalogSchema.widenSizeSQL(table) + ";"), serverCode: code)
        case (_, "PGRST204"), (_, "42703"):
            return CatalogError(
                .schema, LocalizedText(en: "the table lacks a column r2s needs: \(message)", ptBR: "a tabela não tem uma coluna que o r2s usa: \(message)"),
                hint: "run `catalog check`; after changing the table, reload PostgREST's schema cache (NOTIFY pgrst, 'reload schema')",
                serverCode: code)
        case (414, _):
            return CatalogError(.server, LocalizedText("request URL too long (HTTP 414)"), hint: "this is an r2s bug: batches should stay below URL limits", serverCode: "414")
        case (500..., _), (_, "PGRST000"), (_, "PGRST001"), (_, "PGRST002"), (_, "PGRST003"):
            return CatalogError(
                .connection, LocalizedText(en: "Supabase is unavailable (HTTP \(response.status)): \(message)", ptBR: "o Supabase está indisponível (HTTP \(response.status)): \(message)"),
                hint: "try again later; check the project's status in the Supabase dashboard", serverCode: code)
        default:
            let suffix = code.map { " [\($0)]" } ?? ""
            return CatalogError(.server, LocalizedText("postgrest: \(message)\(suffix)"), hint: serverHint, serverCode: code)
        }
    }
}
