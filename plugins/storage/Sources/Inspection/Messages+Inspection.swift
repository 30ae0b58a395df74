import R2SCore

// Texts of records, doctor, ls, find and du.

extension LocalizedText {
    // MARK: - records

    static func badCondition(_ text: String) -> LocalizedText { .init(en: "cannot read condition '\(text)'", ptBR: "não foi possível ler a condição '\(text)'") }
    static let conditionHint = LocalizedText(en: "write COLUMN OP VALUE with OP one of = != < <= > >= ~ !~ *=, e.g. 'size>1048576' or 'content_type~image/'", ptBR: "escreva COLUNA OP VALOR com OP entre = != < <= > >= ~ !~ *=, ex.: 'size>1048576' ou 'content_type~image/'")
    static func unknownColumn(_ name: String) -> LocalizedText { .init(en: "unknown column '\(name)'", ptBR: "coluna desconhecida '\(name)'") }
    static func knownColumns(_ list: String) -> LocalizedText { .init(en: "columns: \(list)", ptBR: "colunas: \(list)") }
    static func badValue(_ column: String, _ value: String) -> LocalizedText { .init(en: "'\(value)' is not a valid value or operator for \(column)", ptBR: "'\(value)' não é um valor ou operador válido para \(column)") }
    static let allAndDeleted = LocalizedText(en: "--all and --deleted exclude each other", ptBR: "--all e --deleted não podem ser usados juntos")
    static func notAnID(_ text: String) -> LocalizedText { .init(en: "'\(text)' is not a row id (uuid)", ptBR: "'\(text)' não é um id de linha (uuid)") }
    static func noRowWithID(_ text: String) -> LocalizedText { .init(en: "no row with id \(text)", ptBR: "nenhuma linha com id \(text)") }

    // MARK: - ls, find, du

    static func badStatus(_ text: String) -> LocalizedText { .init(en: "unknown status '\(text)' (ok, missing, uncatalogued, deleted, duplicate, foreign, bad-url)", ptBR: "status desconhecido '\(text)' (ok, missing, uncatalogued, deleted, duplicate, foreign, bad-url)") }
    static func badDate(_ text: String) -> LocalizedText { .init(en: "invalid date '\(text)' (2026-01-31, 2026-01-31T10:00:00Z or an age such as 7d)", ptBR: "data inválida '\(text)' (2026-01-31, 2026-01-31T10:00:00Z ou uma idade como 7d)") }
    static let total = LocalizedText(en: "total", ptBR: "total")
    static let noType = LocalizedText(en: "(no type)", ptBR: "(sem tipo)")
    static let unresolved = LocalizedText(en: "(not in bucket)", ptBR: "(fora do bucket)")

    // MARK: - doctor

    static let doctorFixPrefix = LocalizedText(en: "→ ", ptBR: "→ ")
    static func doctorSummary(failed: Int, warnings: Int) -> LocalizedText {
        if failed == 0 && warnings == 0 {
            return LocalizedText(en: "all checks passed", ptBR: "todas as verificações passaram")
        }
        return LocalizedText(
            en: "\(failed) failed, \(warnings) warning(s)", ptBR: "\(failed) falharam, \(warnings) aviso(s)")
    }
    static let doctorCredentialsOK = LocalizedText(en: "credentials accepted", ptBR: "credenciais aceitas")
    static let doctorListingOK = LocalizedText(en: "the token may list this bucket", ptBR: "o token pode listar este bucket")
    static func doctorBucketListed(_ name: String) -> LocalizedText { .init(en: "\(name) exists and has objects", ptBR: "\(name) existe e tem objetos") }
    static func doctorBucketEmpty(_ name: String) -> LocalizedText { .init(en: "\(name) exists (empty)", ptBR: "\(name) existe (vazio)") }
    static let doctorNotChecked = LocalizedText(en: "not checked (an earlier check failed)", ptBR: "não verificado (uma verificação anterior falhou)")
    static let doctorClockUnavailable = LocalizedText(en: "skipped: this store cannot report the server's time", ptBR: "pulado: este armazenamento não informa a hora do servidor")
    static func doctorClockSkew(_ seconds: Int) -> LocalizedText {
        let ahead = seconds >= 0
        return LocalizedText(
            en: "this machine's clock is \(abs(seconds)) s \(ahead ? "ahead of" : "behind") the server",
            ptBR: "o relógio desta máquina está \(abs(seconds)) s \(ahead ? "adiantado" : "atrasado") em relação ao servidor")
    }
    static let doctorClockFix = LocalizedText(en: "synchronise the clock (timedatectl set-ntp true); S3 refuses requests more than 15 minutes off", ptBR: "sincronize o relógio (timedatectl set-ntp true); o S3 recusa pedidos com mais de 15 minutos de diferença")
    static func doctorCatalogOK(_ name: String, _ rows: Int) -> LocalizedText { .init(en: "\(name) answers (\(rows) rows)", ptBR: "\(name) responde (\(rows) linhas)") }
    static let doctorRLSBypassed = LocalizedText(en: "the catalog key bypasses row-level security", ptBR: "a chave do catálogo ignora a segurança por linha (RLS)")
    static let doctorRLSApplies = LocalizedText(en: "the catalog key is subject to row-level security: rows may be hidden and writes refused", ptBR: "a chave do catálogo está sujeita à segurança por linha (RLS): linhas podem estar ocultas e escritas recusadas")
    static let doctorRLSFix = LocalizedText(en: "use the project's secret key (sb_secret_…) or service_role key in SUPABASE_KEY", ptBR: "use a chave secreta do projeto (sb_secret_…) ou a service_role em SUPABASE_KEY")
    static let doctorRLSEmpty = LocalizedText(en: "the table shows no rows: if it has some, row-level security hides them from this key", ptBR: "a tabela não mostra linhas: se ela tiver, a segurança por linha (RLS) as esconde desta chave")
    static func doctorRLSUnknown(_ rows: Int) -> LocalizedText { .init(en: "cannot tell the key's kind from here; \(rows) rows are visible", ptBR: "não dá para saber o tipo da chave daqui; \(rows) linhas estão visíveis") }
    static let doctorSchemaOK = LocalizedText(en: "the table has the expected columns", ptBR: "a tabela tem as colunas esperadas")
    static func doctorSchemaOKWithNotes(_ notes: String) -> LocalizedText { .init(en: "no problem found (\(notes))", ptBR: "nenhum problema encontrado (\(notes))") }
    static func doctorRunSQL(_ sql: String) -> LocalizedText { .init(en: "run: \(sql)", ptBR: "rode: \(sql)") }
    static let doctorSchemaFix = LocalizedText(en: "see `catalog check` for details", ptBR: "veja `catalog check` para detalhes")
    static let doctorNoRows = LocalizedText(en: "skipped: the catalog has no active rows", ptBR: "pulado: o catálogo não tem linhas ativas")
    static func doctorMappingCounts(_ n: Int, present: Int, missing: Int, foreign: Int, unparseable: Int) -> LocalizedText { .init(en: "\(n) rows sampled: \(present) map to existing objects, \(missing) to missing objects, \(foreign) foreign, \(unparseable) unparseable", ptBR: "\(n) linhas na amostra: \(present) apontam para objetos existentes, \(missing) para objetos ausentes, \(foreign) externas, \(unparseable) ilegíveis") }
    static func doctorMappingNoneFix(_ base: String, _ example: String) -> LocalizedText { .init(en: "no sampled row maps to an object: check R2_PUBLIC_URL (\(base)) and R2_BUCKET against a row's url such as \(example)", ptBR: "nenhuma linha da amostra aponta para um objeto: confira R2_PUBLIC_URL (\(base)) e R2_BUCKET contra a url de uma linha como \(example)") }
    static let doctorMappingSomeFix = LocalizedText(en: "run `check` to list every difference; `sync` catalogs new files and soft-deletes rows of missing ones", ptBR: "rode `check` para listar todas as diferenças; `sync` cataloga arquivos novos e exclui linhas de arquivos ausentes")
    static func doctorDotSegments(_ count: Int, _ sampled: Int, example: String) -> LocalizedText { .init(en: "\(count) of \(sampled) sampled rows name a key with a '.' or '..' segment (e.g. '\(example)'): its public url fetches another object", ptBR: "\(count) de \(sampled) linhas da amostra apontam para uma chave com segmento '.' ou '..' (ex.: '\(example)'): a url pública busca outro objeto") }
    static let doctorDotSegmentsFix = LocalizedText(en: "`check` lists every such key; rename each with `mv KEY NEW_KEY` to a key without '.'/'..' segments", ptBR: "`check` lista todas essas chaves; renomeie cada uma com `mv CHAVE NOVA_CHAVE` para uma chave sem segmentos '.'/'..'")
    static func doctorNoStaleUploads(_ recent: Int) -> LocalizedText {
        recent == 0
            ? LocalizedText(en: "no incomplete multipart uploads", ptBR: "nenhum envio multipart incompleto")
            : LocalizedText(
                en: "\(recent) incomplete multipart uploads, all started less than a day ago (maybe running now)",
                ptBR: "\(recent) envios multipart incompletos, todos iniciados há menos de um dia (talvez em andamento)")
    }
    static func doctorStaleUploads(_ count: Int, oldest: String) -> LocalizedText { .init(en: "\(count) multipart uploads started over a day ago were never completed (oldest: '\(oldest)'); their parts are stored and billed", ptBR: "\(count) envios multipart iniciados há mais de um dia nunca foram concluídos (o mais antigo: '\(oldest)'); as partes ficam guardadas e são cobradas") }
    static let doctorStaleUploadsFix = LocalizedText(en: "abort them with: upload --abort-stale", ptBR: "cancele-os com: upload --abort-stale")
}
