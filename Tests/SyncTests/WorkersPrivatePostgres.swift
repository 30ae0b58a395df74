import BackendSupport
import CatalogPostgres
import Foundation
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
        try await PostgresSetup.once(pg.url)
        try await pg.catalog().initialize(withUsuarios: false)
        return pg
    }

    func catalog() throws -> PostgresCatalog { try PostgresCatalog(url: url, table: "storage") }

    /// Stops the cluster (an immediate stop: a crash) and removes its folder.
    func remove() {
        try? Shell.run(script, "postgres-stop", dir)
        try? FileManager.default.removeItem(atPath: dir)
    }
}
