import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Scope
import ScopeCommandLine
import Testing

/// `find`, `du` and `records`: answered from the catalog alone, on every backend.
@Suite struct InspectionTests {
    static let ref = "3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f"

    /// Rows straight into the catalog (no objects needed: these commands never read the bucket).
    func seed(_ f: StorageFixture) async throws -> [CatalogRecord] {
        let u = f.mapping
        var rows = try await f.catalog.insert([
            NewRecord(nome: "Relatório Anual.pdf", url: u.url(for: "fichas/2025/relatorio.pdf"), contentType: "application/pdf", size: 3000),
            NewRecord(nome: "capa.png", url: u.url(for: "fichas/capa.png"), contentType: "image/png", size: 2_000_000),
            NewRecord(
                nome: "foto.jpg", url: u.url(for: "fotos/foto.jpg"), contentType: "image/jpeg", size: 500,
                tipoReferencia: "ficha", referenciaId: UUID(uuidString: Self.ref)),
            NewRecord(nome: "sem tipo", url: u.url(for: "fotos/x"), contentType: nil, size: nil),
            NewRecord(nome: "externo.pdf", url: "https://other.example.org/a.pdf", contentType: "application/pdf", size: 10),
        ])
        let gone = try await f.catalog.insert([
            NewRecord(nome: "apagado.pdf", url: u.url(for: "fichas/apagado.pdf"), contentType: "application/pdf", size: 7)
        ])
        _ = try await f.catalog.softDelete(ids: gone.map(\.id), actor: nil)
        rows += gone
        return rows
    }

    @Test(arguments: Backend.allCases)
    func find(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        _ = try await seed(f)
        let shell = f.shell()
        func names(_ args: [String]) async -> [String] {
            let r = await shell.execute(["find"] + args + ["--json"])
            #expect(r.status == .ok, "\(args): \(r.err)")
            return jsonRows(r.out).compactMap { $0["nome"] as? String }.sorted()
        }
        #expect(await names(["--name", "*.pdf"]) == ["Relatório Anual.pdf", "externo.pdf"])
        #expect(await names(["--name", "relatório*", "-i"]) == ["Relatório Anual.pdf"])
        #expect(await names(["--name", "relatório*"]) == [])
        #expect(await names(["--type", "image/*"]) == ["capa.png", "foto.jpg"])
        #expect(await names(["--type", "pdf"]) == ["Relatório Anual.pdf", "externo.pdf"])
        #expect(await names(["--ref", "ficha"]) == ["foto.jpg"])
        #expect(await names(["--ref", "ficha:" + Self.ref]) == ["foto.jpg"])
        #expect(await names(["--ref", "ficha:00000000-0000-0000-0000-000000000000"]) == [])
        #expect(await names(["--min-size", "1k", "--max-size", "1MiB"]) == ["Relatório Anual.pdf"])
        #expect(await names(["--since", "2000-01-01", "--until", "2999-01-01", "--type", "image/png"]) == ["capa.png"])
        #expect(await names(["--since", "2999-01-01"]) == [])
        #expect(await names(["--deleted"]) == ["apagado.pdf"])
        #expect(await shell.execute(["find", "fichas/"]).status == .usage)  // find takes no positional argument
        #expect(await names(["--include", "fichas/**", "--all"]) == ["Relatório Anual.pdf", "apagado.pdf", "capa.png"])
        #expect(await names(["--limit", "2"]).count == 2)
        let table = await shell.execute(["find", "--type", "image/png"])
        #expect(table.out.contains("fichas/capa.png"))
        #expect(table.out.contains("1.9 MiB"))
        #expect(await shell.execute(["find", "--since", "yesterdayish"]).status == .usage)
    }

    @Test(arguments: Backend.allCases)
    func du(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        _ = try await seed(f)
        let shell = f.shell()
        let all = jsonRows(await shell.execute(["du", "--json"]).out)
        let byPrefix = Dictionary(uniqueKeysWithValues: all.map { ($0["prefix"] as? String ?? "?", $0) })
        #expect(byPrefix["fichas/"]?["size"] as? Int == 2_003_000)
        #expect(byPrefix["fichas/"]?["files"] as? Int == 2)
        #expect(byPrefix["fotos/"]?["files"] as? Int == 2)
        #expect(byPrefix["fotos/"]?["unsized"] as? Int == 1)
        #expect(byPrefix["(not in bucket)"]?["size"] as? Int == 10)
        let fichas = jsonRows(await shell.execute(["du", "fichas", "--json"]).out)
        #expect(fichas.map { $0["prefix"] as? String } == ["fichas/", "fichas/2025/"])
        let types = jsonRows(await shell.execute(["du", "--by", "type", "--json"]).out)
        #expect(types.first?["content_type"] as? String == "image/png")
        #expect(types.contains { $0["content_type"] as? String == "(no type)" })
        let deleted = jsonRows(await shell.execute(["du", "--deleted", "--json"]).out)
        #expect(deleted.map { $0["size"] as? Int } == [7])
        let table = await shell.execute(["du"])
        #expect(table.out.contains("total"))
        #expect(table.out.contains("1.9 MiB"))
    }

    @Test(arguments: Backend.allCases)
    func records(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let rows = try await seed(f)
        let shell = f.shell()
        #expect(await shell.execute(["records", "count"]).out == "5\n")
        #expect(await shell.execute(["records", "count", "--all"]).out == "6\n")
        #expect(await shell.execute(["records", "count", "--deleted", "--json"]).out == "{\"count\":1}\n")
        #expect(await shell.execute(["records", "count", "--where", "content_type~image/"]).out == "2\n")
        #expect(await shell.execute(["records", "count", "--null", "size"]).out == "1\n")
        let by = jsonRows(await shell.execute(["records", "count", "--by", "content_type", "--all", "--json"]).out)
        #expect(by.first?["content_type"] as? String == "application/pdf")
        #expect(by.first?["count"] as? Int == 3)

        func ids(_ args: [String]) async -> Set<String> {
            let r = await shell.execute(["records", "where"] + args + ["--json"])
            #expect(r.status == .ok, "\(args): \(r.err)")
            return Set(jsonRows(r.out).compactMap { $0["nome"] as? String })
        }
        #expect(await ids(["size>1000"]) == ["Relatório Anual.pdf", "capa.png"])
        #expect(await ids(["size>=500", "size<=3000"]) == ["Relatório Anual.pdf", "foto.jpg"])
        #expect(await ids(["nome*=Anual"]) == ["Relatório Anual.pdf"])
        #expect(await ids(["nome=capa.png"]) == ["capa.png"])
        #expect(await ids(["nome!=capa.png", "content_type=image/jpeg"]) == ["foto.jpg"])
        #expect(await ids(["url~https://files.example.com/fotos/"]) == ["foto.jpg", "sem tipo"])
        #expect(await ids(["url!~https://files.example.com/"]) == ["externo.pdf"])
        #expect(await ids(["referencia_id=" + Self.ref]) == ["foto.jpg"])
        #expect(await ids(["created_at>=2000-01-01", "--not-null", "deleted_at", "--all"]) == ["apagado.pdf"])
        #expect(await ids(["--null", "content_type"]) == ["sem tipo"])
        // Hostile text stays a value: never SQL.
        #expect(await ids(["nome='; DROP TABLE \(f.table); --"]) == [])
        #expect(await ids(["nome~%"]) == [])
        #expect(await ids(["url~https://files.example.com/fichas/_"]) == [])
        #expect(try await f.rows().count == 6)

        let limited = jsonRows(await shell.execute(["records", "where", "--columns", "id,nome", "--limit", "2", "--json"]).out)
        #expect(limited.count == 2 && limited.allSatisfy { $0.keys.sorted() == ["id", "nome"] })
        for bad in [["colour=red"], ["size>big"], ["size~1"], ["id=not-a-uuid"], ["nothing"], ["--null", "colour"]] {
            let r = await shell.execute(["records", "where"] + bad)
            #expect(r.status == .usage, "\(bad)")
        }
        #expect(await shell.execute(["records", "where", "colour=red"]).err.contains("columns: id, nome, url"))

        let one = rows[2]
        let show = await shell.execute(["records", "show", one.id.uuidString, "--json"])
        #expect(jsonRows(show.out).first?["tipo_referencia"] as? String == "ficha")
        let text = await shell.execute(["records", "show", one.id.uuidString])
        #expect(text.out.contains("referencia_id:"))
        #expect(text.out.contains(Self.ref))
        let missing = await shell.execute(["records", "show", one.id.uuidString, UUID().uuidString])
        #expect(missing.status == .partial)
        #expect(await shell.execute(["records"]).out.contains("count"))
    }

    @Test(arguments: Backend.allCases)
    func namedFiltersNarrowEveryScopedCommand(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        _ = try await seed(f)
        let shell = f.shell()
        let filters = FilterStore(configDirectory: f.dir.appendingPathComponent("config").path, profile: "test")
        try filters.add(NamedFilter(name: "fotos", rules: FilterRules(prefixes: ["fotos"])))
        try filters.add(NamedFilter(name: "imagens", rules: FilterRules(types: ["image/*"])))
        let fotos = jsonRows(await shell.execute(["find", "--filter", "fotos", "--json"]).out)
        #expect(Set(fotos.compactMap { $0["nome"] as? String }) == ["foto.jpg", "sem tipo"])
        let both = jsonRows(await shell.execute(["find", "--filter", "fotos", "--filter", "imagens", "--json"]).out)
        #expect(both.compactMap { $0["nome"] as? String } == ["foto.jpg"])
        // A folder outside the filter: nothing, on every command, without reading the table.
        #expect(jsonRows(await shell.execute(["ls", "fichas", "--filter", "fotos", "--json"]).out).isEmpty)
        #expect(jsonRows(await shell.execute(["du", "fichas", "--filter", "fotos", "--json"]).out).isEmpty)
        let du = jsonRows(await shell.execute(["du", "--filter", "imagens", "--json"]).out)
        #expect(Set(du.compactMap { $0["prefix"] as? String }) == ["fichas/", "fotos/"])
        let unknown = await shell.execute(["ls", "--filter", "nope"])
        #expect(unknown.status == .usage)  // docs/exit-codes.md: an unknown --filter is a usage error
        #expect(unknown.err.contains("nope"))
    }
}
