import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Scope
import ScopeCommandLine
import SyncEngine
import Testing

/// `sync` and `check` end to end on real stores: the local profile's pair (local folder + SQLite),
/// SeaweedFS + PostgreSQL, and SeaweedFS + the PostgREST-subset server (1,000-row cap).
@Suite(.serialized) struct E2ETests {
    @Test("drift both ways is fixed; a second sync and check find nothing", arguments: Backend.allCases)
    func driftBothWays(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            try await e.put(["docs/a.pdf", "docs/b.pdf", "docs/c.txt"])
            try await e.rows(["docs/a.pdf", "docs/gone.pdf"])
            let r = await e.shell().run("sync --min-age 0s --json")
            #expect(r.status == .ok, "\(r.err)")
            #expect(r.out.contains("\"added\":2,\"removed\":1"), "\(r.out)")
            #expect(try await e.activeURLs() == ["docs/a.pdf", "docs/b.pdf", "docs/c.txt"].map { e.mapping.url(for: $0) })
            let again = await e.shell().run("sync --min-age 0s --json")
            #expect(again.out.contains("\"added\":0,\"removed\":0,\"restored\":0,\"unchanged\":3"), "\(again.out)")
            #expect(await e.shell().run("check --min-age 0s").status == .ok)
        }
    }

    @Test("weird keys in raw and encoded rows: zero false adds or removals", arguments: Backend.allCases)
    func weirdKeys(_ backend: Backend) async throws {
        let keys = [
            "w/foto + legenda 100%.jpg", "w/a b/c  d.pdf", "w/plus+plus.pdf", "w/a&b=c?d#e.pdf", "w/📄 notas.txt",
            "w/árvore.png", "w/cafe\u{301}.png", "w/ção (1).pdf",
        ]
        try await E2E.with(backend) { e in
            try await e.put(keys)
            // Half the rows raw (as the original app wrote them), half encoded; accents the other way round.
            try await e.rows(["w/foto + legenda 100%.jpg", "w/a b/c  d.pdf", "w/plus+plus.pdf", "w/a&b=c?d#e.pdf"], raw: true)
            try await e.rows(["w/📄 notas.txt", "w/ção (1).pdf"])
            try await e.rows(["w/a\u{301}rvore.png"], raw: true)  // NFD row, NFC object
            try await e.rows(["w/caf\u{E9}.png"])  // NFC row, NFD object
            let check = await e.shell().run("check --min-age 0s --json")
            #expect(check.status == .ok, "\(check.err)")
            #expect(check.out.contains("\"objects\":8,\"records\":8,\"added\":0,\"removed\":0"), "\(check.out)")
            let before = try await e.allRows()
            let sync = await e.shell().run("sync --min-age 0s")
            #expect(sync.status == .ok)
            #expect(try await e.allRows() == before)
        }
    }

    @Test("more than 1,000 rows behind a 1,000-row cap: only the real drift changes", arguments: Backend.allCases)
    func overThousandRows(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            let keys = (0..<1100).map { "many/\($0).txt" }
            try await e.put(keys)
            try await e.rows(Array(keys.dropFirst(5)) + (0..<5).map { "many/gone\($0).txt" })
            let r = await e.shell().run("sync --min-age 0s --json")
            #expect(r.status == .ok, "\(r.err)")
            #expect(r.out.contains("\"objects\":1100,\"records\":1100,\"added\":5,\"removed\":5"), "\(r.out)")
            #expect(try await e.activeURLs().count == 1100)
        }
    }

    @Test("scope by prefix and type: fichas is not fichas2, other types untouched", arguments: Backend.allCases)
    func scope(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            try await e.put(["fichas/a.pdf", "fichas/b.jpg", "fichas2/c.pdf"])
            try await e.rows(["fichas/gone.pdf", "fichas/gone.jpg", "fichas2/gone.pdf"])
            let r = await e.shell().run("sync fichas --type application/pdf --min-age 0s --json")
            #expect(r.status == .ok, "\(r.err)")
            #expect(r.out.contains("\"added\":1,\"removed\":1"), "\(r.out)")
            let urls = try await e.activeURLs()
            #expect(urls == ["fichas/a.pdf", "fichas/gone.jpg", "fichas2/gone.pdf"].map { e.mapping.url(for: $0) }.sorted())
        }
    }

    @Test("restore keeps the row; --no-restore adds a new one", arguments: Backend.allCases)
    func restore(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            try await e.put(["r1/back.pdf", "r2/new.pdf"])
            let back = try await e.rows(["r1/back.pdf"])[0]
            let new = try await e.rows(["r2/new.pdf"])[0]
            _ = try await e.catalog.softDelete(ids: [back.id, new.id], actor: nil)
            // Only an object uploaded again after the deletion (beyond the clocks' tolerance)
            // brings its row back; an older one was removed on purpose (IdentityTests.keptOut).
            try await Task.sleep(for: DeletionOrder.tolerance + .seconds(1))
            try await e.put(["r1/back.pdf", "r2/new.pdf"])
            let restored = await e.shell().run("sync r1 --min-age 0s --json")
            #expect(restored.out.contains("\"added\":0,\"removed\":0,\"restored\":1"), "\(restored.out)\(restored.err)")
            #expect(try await e.catalog.record(id: back.id)?.deletedAt == nil)
            let added = await e.shell().run("sync r2 --no-restore --min-age 0s --json")
            #expect(added.out.contains("\"added\":1,\"removed\":0,\"restored\":0"), "\(added.out)")
            #expect(try await e.catalog.record(id: new.id)?.deletedAt != nil)
            #expect(try await e.activeURLs().count == 2)
        }
    }

    @Test("foreign and duplicate rows are reported, never changed", arguments: Backend.allCases)
    func foreignAndDuplicates(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            try await e.put(["d/dup.pdf"])
            try await e.rows(["d/dup.pdf"])
            try await e.rows(["d/dup.pdf"], raw: true)
            _ = try await e.catalog.insert([NewRecord(nome: "x.pdf", url: "https://elsewhere.example/x.pdf")])
            let before = try await e.allRows()
            let r = await e.shell().run("sync --min-age 0s --json")
            #expect(r.status == .ok)
            #expect(r.out.contains("\"foreign\":1,\"duplicates\":1"), "\(r.out)")
            #expect(try await e.allRows() == before)
            #expect(await e.shell().run("check --min-age 0s").status == .drift)
        }
    }

    @Test("an empty bucket is refused; too many deletions are refused; nothing changes", arguments: Backend.allCases)
    func guards(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            try await e.rows((0..<120).map { "g/\($0).pdf" })
            let before = try await e.allRows()
            let empty = await e.shell().run("sync --min-age 0s")
            #expect(empty.status == .refused)
            #expect(empty.err.contains("--allow-empty"))
            try await e.put(["g/0.pdf"])
            let over = await e.shell().run("sync --min-age 0s --json")
            #expect(over.status == .refused)
            #expect(over.out.contains("\"refused\":\"max_delete\""))
            #expect(try await e.allRows() == before)
        }
    }

    @Test("--dry-run, --plan and check change nothing", arguments: Backend.allCases)
    func readOnly(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            try await e.put(["ro/a.pdf"])
            try await e.rows(["ro/b.pdf"])
            let before = try await e.allRows()
            let plan = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-plan-\(UUID().uuidString).r2s").path
            defer { try? FileManager.default.removeItem(atPath: plan) }
            for line in ["sync --dry-run --min-age 0s", "check --min-age 0s", "sync --plan \(plan) --min-age 0s"] {
                _ = await e.shell().run(line)
            }
            #expect(try await e.allRows() == before)
        }
    }

    @Test("--plan applied as a script gives the same end state as sync", arguments: Backend.allCases)
    func planSameEndState(_ backend: Backend) async throws {
        func populate(_ e: E2E) async throws {
            try await e.put(["p/a.pdf", "p/foto + x 100%.jpg", "p/back.pdf", "p/dup.pdf"])
            try await e.rows(["p/gone.pdf", "p/dup.pdf"])
            let back = try await e.rows(["p/back.pdf"])
            _ = try await e.catalog.softDelete(ids: back.map(\.id), actor: nil)
        }
        func endState(_ e: E2E) async throws -> [String] {
            try await e.allRows().map { "\($0.url) \($0.deletedAt == nil ? "active" : "deleted")" }.sorted()
        }
        var viaSync: [String] = []
        try await E2E.with(backend) { e in
            try await populate(e)
            #expect(await e.shell().run("sync --min-age 0s").status == .ok)
            viaSync = try await endState(e)
            #expect(viaSync.count == 5)
        }
        try await E2E.with(backend) { e in
            try await populate(e)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-plan-\(UUID().uuidString).r2s").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(await e.shell().run("sync --plan \(path) --min-age 0s").status == .ok)
            let script = try String(contentsOfFile: path, encoding: .utf8)
            // What `r2s -f` does: the same interpreter over the file's text.
            let applied = await e.shell().run(script, origin: path)
            #expect(applied.status == .ok, "\(applied.err)")
            #expect(try await endState(e) == viaSync)
            let twice = await e.shell().run(script, origin: path)
            #expect(twice.status == .ok)
            #expect(try await endState(e) == viaSync)
        }
    }
}

/// Named filters and the terminal confirmation, through the dispatcher.
@Suite(.serialized) struct E2EInteractionTests {
    @Test("sync --filter NAME (narrowed by inline flags) touches nothing outside the scope", arguments: Backend.allCases)
    func namedFilter(_ backend: Backend) async throws {
        let config = try FichasPDFFilter.config("sync-cfg")
        defer { try? FileManager.default.removeItem(atPath: config) }
        try await E2E.with(backend) { e in
            try await e.put(["fichas/a.pdf", "fichas/b.png", "fichas2/c.pdf", "outros/d.pdf", "fichas/big.pdf"])
            try await e.rows(["fichas/gone.pdf", "fichas/gone.png", "fichas2/gone.pdf", "outros/gone.pdf"])
            let console = BufferConsole()
            let status = await e.dispatch(
                ["sync", "--filter", FichasPDFFilter.name, "--max-size", "100", "--min-age", "0s", "--json"], console: console,
                configDirectory: config)
            #expect(status == .ok, "\(console.errorOutput)")
            #expect(console.output.contains("\"added\":2,\"removed\":1"), "\(console.output)")
            let urls = try await e.activeURLs()
            let expected = ["fichas/a.pdf", "fichas/big.pdf", "fichas/gone.png", "fichas2/gone.pdf", "outros/gone.pdf"]
            #expect(urls == expected.map { e.mapping.url(for: $0) }.sorted())
        }
    }

    @Test("on a terminal, deletions wait for a yes: `no` changes nothing (exit 4), --yes skips the question")
    func confirmation() async throws {
        try await E2E.with(.local) { e in
            try await e.put(["c/a.pdf"])
            try await e.rows(["c/gone.pdf"])
            let declining = BufferConsole(isTerminal: true, isInteractive: true, answers: [false])
            #expect(await e.dispatch(["sync", "--min-age", "0s"], console: declining) == .refused)
            #expect(declining.errorOutput.contains("Apply: add 1, soft-delete 1, restore 0 records?"))
            #expect(try await e.activeURLs() == [e.mapping.url(for: "c/gone.pdf")])
            let unasked = BufferConsole(isTerminal: true, isInteractive: true, answers: [])
            #expect(await e.dispatch(["sync", "--min-age", "0s", "--yes"], console: unasked) == .ok)
            #expect(!unasked.errorOutput.contains("Apply:"))
            #expect(try await e.activeURLs() == [e.mapping.url(for: "c/a.pdf")])
        }
    }
}
