public import UserFacing

/// A catalog failure the operator sees: what went wrong, what to do, and the exit status.
///
/// A struct around a `Code` so new cases never break callers. Messages never contain secrets
/// (keys, passwords, `Authorization` headers): stores build them from server codes and texts
/// that do not echo credentials.
public struct CatalogError: UserFacingError, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public enum Code: String, Sendable, Hashable {
        /// Another holder has the sync lock.
        case locked
        /// Cannot connect, or the server went away.
        case connection
        /// The credentials were refused (wrong key or password).
        case authentication
        /// Permission denied, or rows hidden by row-level security.
        case permission
        /// The table (or the `usuarios` table it references) does not exist.
        case tableMissing
        /// `catalog init` found the table already there.
        case tableExists
        /// A value does not fit its column (`size` above `INTEGER`'s 2,147,483,647).
        case outOfRange
        /// A foreign key failed (`created_by`/`updated_by` not in `usuarios`).
        case foreignKey
        /// A value the caller passed is invalid (table name, `R2S_ACTOR`, negative size…).
        case invalidInput
        /// A read could not prove it returned every row (PostgREST count mismatch).
        case incompleteRead
        /// A record that must exist does not.
        case notFound
        /// The live table does not have the expected shape.
        case schema
        /// Any other server-reported failure.
        case server
    }

    public let code: Code
    public var message: LocalizedText
    public var hintText: LocalizedText?
    /// The SQLSTATE or PostgREST code behind the error, when there is one.
    public let serverCode: String?

    public init(_ code: Code, _ message: LocalizedText, hint: LocalizedText? = nil, serverCode: String? = nil) {
        self.code = code
        self.message = message
        self.hintText = hint
        self.serverCode = serverCode
    }

    // A server's or library's text may quote a URL: the derived texts (`localizedMessage`)
    // scrub its password and userinfo.

    /// The same error with `known` secret values masked in its texts.
    public func scrubbing(_ known: [String]) -> CatalogError {
        guard !known.isEmpty else { return self }
        var copy = self
        copy.message = LocalizedText(en: SecretRule.scrub(message.en, known: known), ptBR: SecretRule.scrub(message.ptBR, known: known))
        copy.hintText = hintText.map {
            LocalizedText(en: SecretRule.scrub($0.en, known: known), ptBR: SecretRule.scrub($0.ptBR, known: known))
        }
        return copy
    }
    public var description: String { "catalog \(code.rawValue): \(message.en)" }

    public var exitStatus: ExitStatus {
        switch code {
        case .locked, .tableExists: .refused
        // Invalid input is almost always a setting (table name, R2S_ACTOR): docs/exit-codes.md's 3.
        case .connection, .authentication, .permission, .tableMissing, .invalidInput: .config
        // A read that cannot be proven complete is the server or the path to it (a proxy
        // cutting responses): like an unreachable server, and `sync` documents 3 for it.
        case .incompleteRead: .config
        default: .failure
        }
    }
}

extension CatalogError {
    /// Another sync holds the lock (`holder`: who, when known).
    public static func locked(_ catalog: String, holder: String?) -> CatalogError {
        let who = holder.map { " (\($0))" } ?? ""
        return CatalogError(
            .locked,
            LocalizedText(
                en: "another sync is running on this catalog: \(catalog)\(who)",
                ptBR: "outra sincronização está em andamento neste catálogo: \(catalog)\(who)"),
            hint: lockedHint)
    }

    /// Another sync holds the lease in `r2s_locks`: names the holder and its expiry.
    public static func locked(_ catalog: String, lease: LeaseRow) -> CatalogError {
        let until = lease.expiresAt.map(CatalogTimestamp.format) ?? "?"
        return CatalogError(
            .locked,
            LocalizedText(
                en: "another sync is running on this catalog: \(catalog) (\(lease.holder), lease until \(until), renewed while it runs)",
                ptBR: "outra sincronização está em andamento neste catálogo: \(catalog) (\(lease.holder), concessão até \(until), renovada enquanto roda)"),
            hint: lockedHint)
    }

    static let lockedHint = LocalizedText(
        en: "wait for it to finish, or let this sync wait for it: `sync --wait 10m`; `check` and `sync --dry-run` work meanwhile; a holder that crashed is taken over when its lease expires (at once on its own host)",
        ptBR: "espere ela terminar, ou deixe este sync esperar: `sync --wait 10m`; `check` e `sync --dry-run` funcionam enquanto isso; a trava de quem caiu é assumida quando a concessão expira (na hora, no mesmo host)")

    /// The lease was taken over while this sync ran (it stalled for longer than the lease).
    public static func leaseLost(_ catalog: String) -> CatalogError {
        CatalogError(
            .locked,
            LocalizedText(
                en: "the sync lock on \(catalog) was taken over by another sync while this one ran (it could not renew its lease in time); stopped",
                ptBR: "a trava de sincronização de \(catalog) foi assumida por outro sync durante esta execução (a concessão não foi renovada a tempo); parado"),
            hint: LocalizedText(
                en: "run it again: it continues where it stopped; a rolled-back transaction wrote nothing",
                ptBR: "rode de novo: ele continua de onde parou; uma transação desfeita não gravou nada"))
    }

    /// `r2s_locks` is missing or lacks columns: no sync may run unlocked.
    public static func lockTableMissing(_ detail: String, sql: [String]) -> CatalogError {
        CatalogError(
            .tableMissing,
            LocalizedText(
                en: "the sync lock table \(CatalogSchema.locksTable) \(detail): syncs cannot exclude each other, so none runs",
                ptBR: "a tabela de trava \(CatalogSchema.locksTable) \(detail): sincronizações não conseguem se excluir, então nenhuma roda"),
            hint: LocalizedText(
                en: "run `catalog init --upgrade` (with DATABASE_URL), or this SQL: " + sql.map { $0 + ";" }.joined(separator: " "),
                ptBR: "rode `catalog init --upgrade` (com DATABASE_URL), ou este SQL: " + sql.map { $0 + ";" }.joined(separator: " ")))
    }

    /// A size that does not fit the `size` column.
    public static func sizeTooLarge(_ size: Int64, limit: Int64, table: String) -> CatalogError {
        CatalogError(
            .outOfRange,
            LocalizedText(
                en: "size \(size) does not fit \(table).size (max \(limit)); nothing was written",
                ptBR: "tamanho \(size) não cabe em \(table).size (máx. \(limit)); nada foi gravado"),
            hint: LocalizedText(
                en: "widen the column: ALTER TABLE \(table) ALTER COLUMN size TYPE BIGINT;",
                ptBR: "aumente a coluna: ALTER TABLE \(table) ALTER COLUMN size TYPE BIGINT;"),
            serverCode: "22003")
    }

    /// The table does not exist.
    public static func tableMissing(_ table: String, serverCode: String? = nil) -> CatalogError {
        CatalogError(
            .tableMissing,
            LocalizedText(en: "table '\(table)' does not exist", ptBR: "a tabela '\(table)' não existe"),
            hint: LocalizedText(
                en: "check the table name in the profile, or create it with `catalog init`",
                ptBR: "confira o nome da tabela no perfil, ou crie-a com `catalog init`"),
            serverCode: serverCode)
    }

    /// A foreign key on created_by/updated_by failed.
    public static func foreignKey(_ detail: String?, serverCode: String? = "23503") -> CatalogError {
        CatalogError(
            .foreignKey,
            LocalizedText(
                en: "foreign key violation" + (detail.map { ": \($0)" } ?? ""),
                ptBR: "violação de chave estrangeira" + (detail.map { ": \($0)" } ?? "")),
            hint: LocalizedText(
                en: "created_by/updated_by come from R2S_ACTOR, which must be the id of a row in usuarios; unset it to write NULL",
                ptBR: "created_by/updated_by vêm de R2S_ACTOR, que deve ser o id de uma linha de usuarios; remova-a para gravar NULL"),
            serverCode: serverCode)
    }

    /// A read returned a different number of rows than the server counted.
    public static func incompleteRead(expected: Int, received: Int, hint: LocalizedText? = nil) -> CatalogError {
        CatalogError(
            .incompleteRead,
            LocalizedText(
                en: "incomplete read: the server counted \(expected) rows but returned \(received)",
                ptBR: "leitura incompleta: o servidor contou \(expected) linhas mas devolveu \(received)"),
            hint: hint
                ?? LocalizedText(
                    en: "the table changed during the read, or the server truncates responses; run the command again",
                    ptBR: "a tabela mudou durante a leitura, ou o servidor corta respostas; rode o comando de novo"))
    }

    /// A caller-side validation failure.
    public static func invalid(_ en: String, ptBR: String? = nil, hint: String? = nil) -> CatalogError {
        CatalogError(
            .invalidInput, LocalizedText(en: en, ptBR: ptBR ?? en), hint: hint.map { LocalizedText($0) })
    }
}
