import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import SyncModule
import Testing

/// `R2S_ACTOR` reaches the rows sync writes, as it does for the storage commands.
@Suite struct SyncActorTests {
    @Test("sync records R2S_ACTOR in created_by of added rows and updated_by of soft-deleted ones")
    func actorIsRecorded() async throws {
        try await E2E.with(.local) { e in
            try await e.put(["a/new.pdf"])
            try await e.rows(["a/gone.pdf"])
            let actor = UUID()
            let services = FixedServices(store: e.store, catalog: e.catalog, mapping: e.mapping)
            let registry = CommandRegistry(modules: [SyncModule(services: services)])
            let session = Session(
                profile: Profile(name: "local", values: ["R2S_ACTOR": actor.uuidString.lowercased()]), environment: [:],
                paths: Paths(config: "/nonexistent/c", state: "/nonexistent/s", data: "/nonexistent/d"), language: .en)
            let console = BufferConsole()
            let context = ShellContext(console: console, session: session, registry: registry)
            let status = await Dispatcher(registry: registry).execute(["sync", "--min-age", "0s"], in: context)
            #expect(status == .ok, "\(console.errorOutput)")
            let rows = try await e.allRows()
            let added = rows.first { $0.url == e.mapping.url(for: "a/new.pdf") }
            let removed = rows.first { $0.url == e.mapping.url(for: "a/gone.pdf") }
            #expect(added?.createdBy == actor)
            #expect(removed?.deletedAt != nil)
            #expect(removed?.updatedBy == actor)
        }
    }

    @Test("a malformed R2S_ACTOR is a configuration error before anything changes")
    func badActor() async throws {
        try await E2E.with(.local) { e in
            try await e.put(["a/new.pdf"])
            let services = FixedServices(store: e.store, catalog: e.catalog, mapping: e.mapping)
            let registry = CommandRegistry(modules: [SyncModule(services: services)])
            let session = Session(
                profile: Profile(name: "local", values: ["R2S_ACTOR": "not-a-uuid"]), environment: [:],
                paths: Paths(config: "/nonexistent/c", state: "/nonexistent/s", data: "/nonexistent/d"), language: .en)
            let console = BufferConsole()
            let context = ShellContext(console: console, session: session, registry: registry)
            let status = await Dispatcher(registry: registry).execute(["sync", "--min-age", "0s"], in: context)
            #expect(status == .config, "\(console.errorOutput)")
            #expect(console.errorOutput.contains("R2S_ACTOR"))
            #expect(try await e.allRows().isEmpty)
        }
    }
}
