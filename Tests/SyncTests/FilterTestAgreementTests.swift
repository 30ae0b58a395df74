import BackendSupport
import Foundation
import FiltersModule
import R2SCore
import R2STestSupport
import Scope
import ScopeCommandLine
import SyncModule
import Testing

/// Issue 7: what `filter test` shows an admin is the scope `sync` then works on. The counts of
/// both commands must agree for the same named filter, on every backend.
@Suite(.serialized) struct FilterTestAgreementTests {
    @Test("filter test NAME counts equal sync --filter NAME --dry-run counts", arguments: Backend.allCases)
    func countsAgree(_ backend: Backend) async throws {
        let config = try FichasPDFFilter.config("agree")
        defer { try? FileManager.default.removeItem(atPath: config) }
        try await E2E.with(backend) { e in
            // In scope: 3 objects (one without a row), 3 active rows (one without an object).
            // Outside: a png in fichas/, everything in fichas2/ and outros/.
            try await e.put(["fichas/a.pdf", "fichas/b.pdf", "fichas/sem linha + 100%.pdf", "fichas/c.png", "fichas2/d.pdf", "outros/e.pdf"])
            try await e.rows(["fichas/a.pdf", "fichas/b.pdf", "fichas/gone.pdf", "fichas2/d.pdf", "outros/gone.pdf"])

            let services = FixedServices(store: e.store, catalog: e.catalog, mapping: e.mapping)
            let registry = CommandRegistry(
                modules: [CoreModule(), SyncModule(services: services), FiltersModule(services: services)],
                reservedWords: Interpreter.reservedWords)
            let session = Session(
                profile: Profile(name: Profile.localName), environment: [:],
                paths: Paths(config: config, state: "/nonexistent/state", data: "/nonexistent/data"), language: .en)
            func run(_ argv: [String]) async -> (R2SCore.ExitStatus, [String: Any]) {
                let console = BufferConsole()
                let context = ShellContext(console: console, session: session, registry: registry)
                let status = await Dispatcher(registry: registry).execute(argv, in: context)
                let object = (try? JSONSerialization.jsonObject(with: Data(console.output.utf8))) as? [String: Any]
                #expect(object != nil, "not a JSON object: \(console.output) \(console.errorOutput)")
                return (status, object ?? [:])
            }

            let (testStatus, shown) = await run(["filter", "test", FichasPDFFilter.name, "--json"])
            let (syncStatus, planned) = await run(["sync", "--filter", FichasPDFFilter.name, "--dry-run", "--min-age", "0s", "--json"])
            #expect(testStatus == .ok)
            #expect(syncStatus == .ok)
            #expect(shown["objects_matched"] as? Int == 3)
            #expect(shown["records_matched"] as? Int == 3)
            #expect(planned["objects"] as? Int == shown["objects_matched"] as? Int)
            #expect(planned["records"] as? Int == shown["records_matched"] as? Int)
            #expect(planned["added"] as? Int == 1)
            #expect(planned["removed"] as? Int == 1)
        }
    }
}
