import ArgumentParser
import Catalog
import R2SCore

/// `catalog init [--with-usuarios] [--upgrade]`.
struct CatalogInitCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the catalog table (refuses if it exists), or --upgrade an existing one.",
        discussion: """
            Creates the table with the original system's DDL (id uuid, nome, url, content_type,
            size INTEGER, tipo_referencia, referencia_id, created_at/updated_at/created_by/
            updated_by/deleted_at), an index on url, and r2s_locks (the sync lock every path to
            the table shares). An existing table is never touched. Over PostgREST (no DDL),
            prints the SQL to run in the Supabase SQL editor instead.

            --upgrade adds what is missing around an existing table without touching its rows:
            r2s_locks (or the host, pid and token columns an older r2s did not create), the
            index on url, and missing columns (nullable). It never changes a column's type.

            EXAMPLES:
              catalog init
              catalog init --with-usuarios
              catalog init --upgrade
            """)

    @Flag(help: "Also create the uuid-ossp extension and a minimal usuarios table (development databases).")
    var withUsuarios = false

    @Flag(help: "Add what is missing to an existing table (r2s_locks, its columns, the url index); keep every row.")
    var upgrade = false

    func validate() throws {
        if upgrade, withUsuarios { throw ValidationError("--upgrade does not create usuarios; drop --with-usuarios") }
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        let store = try CatalogModule.store(in: context)
        if upgrade {
            let ran = try await store.upgrade()
            if ran.isEmpty, context.format == .table {
                context.info(LocalizedText(en: "\(store.displayName): nothing to upgrade", ptBR: "\(store.displayName): nada a atualizar"))
            }
            context.summary([
                ("upgraded", .string(store.displayName)),
                ("statements", .array(ran.map { .string($0) })),
            ])
            return .ok
        }
        try await store.initialize(withUsuarios: withUsuarios)
        context.summary([
            ("created", .string(store.displayName)),
            ("usuarios", .bool(withUsuarios)),
        ])
        return .ok
    }
}
