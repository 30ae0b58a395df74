import BackendSupport
import Catalog
import CatalogModule
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Services
import StorageModule
import SyncModule
import Testing

/// Issue 21: the original web app keeps running beside r2s, and its "Sincronizar R2" keeps only
/// the active rows whose url is exactly its own `get_url(key)`. With `R2S_URL_STYLE` unset
/// (`auto`), every r2s write path must spell urls the way the app's rows already do, so the
/// app's sync changes nothing and every `referencia_id` stays attached — and the reverse order
/// (the app uploads, r2s syncs) changes nothing either. Real servers; the app is
/// `OriginalAppSync` (Tests/Support), with both `get_url` variants.
@Suite("coexisting with the original app: url style")
struct AppCoexistenceTests {
    static let ficha = "3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f"
    static let exame = "0b6f1d2e-1111-4c2a-9e1f-0a1b2c3d4e5f"

    static let cases: [(Backend, OriginalAppSync.GetURL)] = Backend.allCases.flatMap { b in
        OriginalAppSync.GetURL.allCases.map { (b, $0) }
    }

    /// A shell with storage, sync and catalog commands over the fixture, in the app's table.
    static func shell(_ f: StorageFixture, values: [String: String] = [:]) -> TestShell {
        let services = FixedServices(store: f.store, catalog: f.catalog, mapping: f.mapping)
        let catalog = f.catalog
        return TestShell(
            modules: [
                StorageModule(services: services), SyncModule(services: services),
                CatalogModule(catalog: { _ in catalog }),
            ],
            paths: Paths(config: f.dir.appendingPathComponent("config").path, state: f.dir.appendingPathComponent("state").path,
                         data: f.dir.path),
            profile: Profile(name: "test", values: values.merging(["R2_PUBLIC_URL": StorageFixture.publicBase]) { a, _ in a }))
    }

    /// The app's own upload: the object, then its row with the app's url (and a reference).
    static func appUpload(_ f: StorageFixture, app: OriginalAppSync, key: String, ref: String? = nil) async throws {
        let path = try f.file(UUID().uuidString, "app file " + key)
        let info = try await f.store.upload(path, to: key, contentType: "application/pdf", progress: nil)
        _ = try await f.catalog.insert([
            NewRecord(nome: String(key.split(separator: "/").last!), url: app.url(for: key), contentType: "application/pdf",
                      size: info.size, tipoReferencia: ref == nil ? nil : "ficha", referenciaId: ref.flatMap(UUID.init(uuidString:)))
        ])
    }

    @Test("r2s upload --ref, mv and sync of awkward keys: the app's sync then adds 0 and removes 0", arguments: cases)
    func r2sWritesThenAppSyncs(backend: Backend, variant: OriginalAppSync.GetURL) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let app = OriginalAppSync(base: StorageFixture.publicBase, getURL: variant)
        // The catalog already holds rows the app wrote, some for keys that need escaping.
        try await Self.appUpload(f, app: app, key: "legado/Relatório Anual 2023.pdf", ref: Self.exame)
        try await Self.appUpload(f, app: app, key: "legado/plain.pdf")
        let shell = Self.shell(f)

        let upload = await shell.execute([
            "upload", try f.file("Relatório Anual 2024.pdf", "relatorio"), "--to", "fichas", "--ref", "ficha:\(Self.ficha)",
        ])
        #expect(upload.status == .ok, "\(upload.err)")
        let second = await shell.execute([
            "upload", try f.file("nota fiscal #3 (50%) + extra?.pdf", "nota"), "--to", "fichas", "--ref", "ficha:\(Self.ficha)",
        ])
        #expect(second.status == .ok, "\(second.err)")
        let moved = await shell.execute(["mv", "fichas/nota fiscal #3 (50%) + extra?.pdf", "fichas/arquivo/nota fiscal nº 3.pdf"])
        #expect(moved.status == .ok, "\(moved.err)")
        // A file that reached the bucket without a row: r2s's sync adds it.
        try await f.store.upload(try f.file("scan", "scan"), to: "scans/digitalização 01+02 & cópia.png", contentType: "image/png", progress: nil)
        let sync = await shell.execute(["sync", "--min-age", "0", "--yes", "--json"])
        #expect(sync.status == .ok, "\(sync.err)")
        #expect(sync.out.contains("\"added\":1"), "\(sync.out)")
        // And through a reviewed plan: `sync --plan`, then the script's `sync-item add` lines.
        try await f.store.upload(try f.file("scan2", "scan2"), to: "scans/relatório #2 (final).png", contentType: "image/png", progress: nil)
        let plan = f.dir.appendingPathComponent("plan.r2s").path
        #expect(await shell.execute(["sync", "--min-age", "0", "--plan", plan]).status == .ok)
        let applied = await shell.run("source '\(plan)'")
        #expect(applied.status == .ok, "\(applied.err)")
        let added = "Record added: relatório #2 (final).png (URL: \(app.url(for: "scans/relatório #2 (final).png")))"
        #expect(applied.err.contains(added), "\(applied.err)")

        let before = try await f.catalog.allRecords(RecordQuery(deleted: .exclude))
        let result = try await app.run(store: f.store, catalog: f.catalog)
        #expect(result == OriginalAppSync.Result(added: 0, removed: 0), "\(before.map(\.url))")
        let after = try await f.catalog.allRecords(RecordQuery(deleted: .exclude))
        #expect(Set(after.map(\.id)) == Set(before.map(\.id)))
        let referenced = after.filter { $0.referenciaId != nil }
        #expect(referenced.count == 3)
        #expect(Set(referenced.compactMap(\.referenciaId)) == [UUID(uuidString: Self.ficha)!, UUID(uuidString: Self.exame)!])
    }

    @Test("the app uploads awkward keys, r2s syncs: nothing changes", arguments: cases)
    func appWritesThenR2SSyncs(backend: Backend, variant: OriginalAppSync.GetURL) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let app = OriginalAppSync(base: StorageFixture.publicBase, getURL: variant)
        for key in ["fichas/Relatório Anual 2024.pdf", "fichas/a+b (1) #2.pdf", "fichas/100% certo.pdf", "plain/x.pdf"] {
            try await Self.appUpload(f, app: app, key: key, ref: Self.ficha)
        }
        let before = try await f.rows()
        let shell = Self.shell(f)
        let sync = await shell.execute(["sync", "--min-age", "0", "--yes", "--json"])
        #expect(sync.status == .ok, "\(sync.err)")
        #expect(sync.out.contains("\"added\":0") && sync.out.contains("\"removed\":0"), "\(sync.out)")
        let after = try await f.rows()
        #expect(after.map(\.url).sorted() == before.map(\.url).sorted())
        #expect(after.allSatisfy { $0.deletedAt == nil && $0.referenciaId != nil })
        #expect(try await app.run(store: f.store, catalog: f.catalog) == OriginalAppSync.Result(added: 0, removed: 0))
    }
}
