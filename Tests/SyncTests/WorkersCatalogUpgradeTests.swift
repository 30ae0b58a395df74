import BackendSupport
import Catalog
import CatalogPostgREST
import Foundation
import HTTP
import Postgres
import R2STestSupport
import Testing
import UserFacing

/// The run and lease tables on a catalog made before them, over PostgREST (which cannot run DDL):
/// `catalog check` names them with the SQL that makes them, `catalog init --upgrade` refuses with
/// that SQL, and once it is run the catalog shares a sync. A private PostgreSQL, so the tables
/// really are missing (the shared server has them from other tests).
extension WorkersFailureTests {
    @Test("PostgREST: check names the missing run tables, --upgrade prints their SQL, which makes them usable")
    func postgrestRunTablesUpgrade() async throws {
        guard let script = Self.script(), let rest = TestServers.postgrest() else { return }
        let pg = try await PrivatePostgres.start(script: script, port: Self.privatePGPort)
        defer { pg.remove() }
        let url = pg.url
        // A catalog made before the run tables existed.
        try E2E.sql(url, "DROP TABLE r2s_sync_runs")
        try E2E.sql(url, "DROP TABLE r2s_sync_leases")
        let port = String(Self.privateRESTPort), dir = pg.dir + "-rest"
        try Shell.run(script, "pgrest-start", dir, port, url, rest.key, "1000")
        defer { Shell.kill(pidFile: dir + "/pid"); try? FileManager.default.removeItem(atPath: dir) }
        let catalog = try PostgRESTCatalog(
            url: "http://127.0.0.1:\(port)", key: rest.key, table: "storage",
            transport: HTTPClientTransport(client: try HTTPClient(configuration: HTTPClient.Configuration())))

        let check = try await catalog.checkSchema()
        let finding = check.findings.first { $0.message.contains("r2s_sync_runs and r2s_sync_leases do not exist") }
        #expect(finding?.fixSQL?.contains("CREATE TABLE IF NOT EXISTS r2s_sync_leases") == true, "\(check.findings)")
        var printed = ""
        do {
            _ = try await catalog.upgrade()
            Issue.record("--upgrade over PostgREST did not refuse")
        } catch let error as CatalogError {
            printed = error.hintText?.en ?? ""
        }
        #expect(printed.contains("CREATE TABLE IF NOT EXISTS r2s_sync_runs") && printed.contains("r2s_sync_leases"), "\(printed)")
        // The operator runs the printed SQL (the Supabase SQL editor): the catalog is complete.
        for statement in printed.split(separator: "\n") where !statement.isEmpty { try E2E.sql(url, String(statement)) }
        #expect(try await catalog.upgrade().isEmpty)
        #expect(!(try await catalog.checkSchema().findings.contains { $0.message.contains("r2s_sync_runs") }))
        let run = try await catalog.createRun(fingerprint: "upgrade-test", partitions: ["a/"], planner: LeaseHolder.current())
        let lease = try await catalog.claimPartition(run: run.id, state: .pending, holder: LeaseHolder.current(), ttl: .seconds(30))
        #expect(lease?.prefix == "a/")
    }
}
