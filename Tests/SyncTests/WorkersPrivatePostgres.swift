import BackendSupport
import CatalogPostgres
import Foundation
import ObjectStore
import R2STestSupport

/// A PostgreSQL cluster of one test's own (`servers.sh postgres-start`), so the test may stop,
/// restart or strip it without touching the shared server, with the catalog table `storage`
/// made by `catalog init`.
struct PrivatePostgres {
    let script: String
    let dir: String
    let port: Int
    var url: String { "postgres://postgres:r2stestpw@127.0.0.1:\(port)/postgres" }

    static func start(script: String, port: Int) async throws -> PrivatePostgres {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-sync-pg-\(UUID().uuidString)").path
        let pg = PrivatePostgres(script: script, dir: dir, port: port)
        try Shell.run(script, "postgres-start", dir, String(port))
        do {
            // Not `PostgresSetup.once`: it runs once per url, and a port serves one fresh cluster after another.
            try E2E.sql(pg.url, "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"")
            try E2E.sql(pg.url, "CREATE TABLE usuarios (id UUID PRIMARY KEY DEFAULT uuid_generate_v4(), nome TEXT, email TEXT UNIQUE)")
            try await pg.catalog().initialize(withUsuarios: false)
        } catch {
            pg.remove()
            throw error
        }
        return pg
    }

    func catalog() throws -> PostgresCatalog { try PostgresCatalog(url: url, table: "storage") }

    /// Stops the cluster (an immediate stop: a crash) and removes its folder.
    func remove() {
        try? Shell.run(script, "postgres-stop", dir)
        try? FileManager.default.removeItem(atPath: dir)
    }
}

extension E2E {
    /// A fresh catalog table on the shared PostgreSQL beside `store` (the caller drops `table`).
    static func freshTable(_ prefix: String, store: any ObjectStore, pgURL: String) async throws -> E2E {
        let table = prefix + UUID().uuidString.prefix(8).lowercased()
        try await PostgresSetup.once(pgURL)
        let catalog = try PostgresCatalog(url: pgURL, table: table)
        try await catalog.initialize(withUsuarios: false)
        return E2E(backend: .postgres, store: store, catalog: catalog, pgURL: pgURL, table: table)
    }
}
