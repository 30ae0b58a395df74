import Catalog
import Postgres

/// Prepares a PostgreSQL server for the catalog tests once per test process and url: the
/// `uuid-ossp` extension, the `usuarios` table the catalog's foreign key names, and the sync lock
/// table. Concurrent `CREATE EXTENSION IF NOT EXISTS` (and the `CREATE TABLE IF NOT EXISTS
/// r2s_locks` every `catalog init` runs) can race on the system catalogs' unique indexes, so the
/// tests of every target call this one actor first instead of each keeping its own copy.
public actor PostgresSetup {
    static let shared = PostgresSetup()
    private var done: Set<String> = []

    /// Runs the setup on `url` unless this process already did.
    public static func once(_ url: String) async throws { try await shared.run(url) }

    private func run(_ url: String) throws {
        guard !done.contains(url) else { return }
        let c = try Connection(url: url)
        _ = try c.execute("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"")
        _ = try c.execute(
            "CREATE TABLE IF NOT EXISTS usuarios (id UUID PRIMARY KEY DEFAULT uuid_generate_v4(), nome TEXT, email TEXT UNIQUE)")
        _ = try c.execute(CatalogSchema.locksDDL)
        _ = try c.execute(CatalogSchema.locksUpgradeSQL)  // a server kept from before host/pid/token
        done.insert(url)
    }
}
