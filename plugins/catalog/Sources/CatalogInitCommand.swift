import ArgumentParser
import Catalog
import R2SCore

/// `catalog init [--with-usuarios]`.
struct CatalogInitCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the catalog table (refuses if it exists).",
        discussion: """
            Creates the table with the original system's DDL (id uuid, nome, url, content_type,
            size INTEGER, tipo_referencia, referencia_id, created_at/updated_at/created_by/
            updated_by/deleted_at), an index on url, and r2s_locks (the sync lock over
            PostgREST). An existing table is never touched. Over PostgREST (no DDL), prints the
            SQL to run in the Supabase SQL editor instead.

            EXAMPLES:
              catalog init
              catalog init --with-usuarios
            """)

    @Flag(help: "Also create the uuid-ossp extension and a minimal usuarios table (development databases).")
    var withUsuarios = false

    func run(in context: ShellContext) async throws -> ExitStatus {
        let store = try CatalogModule.store(in: context)
        try await store.initialize(withUsuarios: withUsuarios)
        context.summary([
            ("created", .string(store.displayName)),
            ("usuarios", .bool(withUsuarios)),
        ])
        return .ok
    }
}
