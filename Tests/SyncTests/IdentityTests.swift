import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import SyncEngine
import Testing

/// Issue 11: sync and check never act on the wrong row or object — legacy raw urls with a
/// literal `%XX` in the key (§1) and drift pending behind `--min-age` (§5), on every backend.
@Suite(.serialized) struct IdentityTests {
    /// The object the original app stored and the url it wrote by concatenation.
    static let literalKey = "raw/sp ace +plus%25#h?q.txt"
    /// What that url decodes to: another (here absent) object.
    static let decodedKey = "raw/sp ace +plus%#h?q.txt"

    @Test("a raw url with a literal %25 keeps its row: check agrees, sync changes nothing", arguments: Backend.allCases)
    func literalPercentRow(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            try await e.put([Self.literalKey])
            let row = try await e.rows([Self.literalKey], raw: true)[0]
            #expect(row.url == E2E.base + "/" + Self.literalKey)
            let check = await e.shell().run("check --min-age 0s --json")
            #expect(check.status == .ok, "\(check.out)\(check.err)")
            #expect(check.out.contains("\"objects\":1,\"records\":1,\"added\":0,\"removed\":0,\"restored\":0,\"unchanged\":1"), "\(check.out)")
            let before = try await e.allRows()
            let sync = await e.shell().run("sync --min-age 0s --json")
            #expect(sync.status == .ok, "\(sync.err)")
            #expect(try await e.allRows() == before, "the row keeps its id and stays active; no new row")
        }
    }

    @Test("a raw url whose decoded and literal keys both exist is ambiguous: reported, nothing changed", arguments: Backend.allCases)
    func ambiguousRow(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            try await e.put([Self.literalKey, Self.decodedKey])
            let row = try await e.rows([Self.literalKey], raw: true)[0]
            let report = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-amb-\(UUID().uuidString).json").path
            defer { try? FileManager.default.removeItem(atPath: report) }
            let check = await e.shell().run("check --min-age 0s --json --report \(report)")
            #expect(check.status == .drift, "\(check.out)\(check.err)")
            #expect(check.out.contains("\"ambiguous\":1"), "\(check.out)")
            #expect(check.out.contains("\"added\":0,\"removed\":0"), "neither object gets a row, the row is kept: \(check.out)")
            let items = try String(contentsOfFile: report, encoding: .utf8)
            #expect(items.contains("\"ambiguous\""), "\(items)")
            #expect(items.contains(row.id.uuidString.lowercased()), "\(items)")
            let before = try await e.allRows()
            let sync = await e.shell().run("sync --min-age 0s --json")
            #expect(sync.out.contains("\"ambiguous\":1"), "\(sync.out)")
            #expect(try await e.allRows() == before, "nothing changed automatically")
        }
    }

    @Test("a raw url with a literal %25 whose object is gone is 'object missing'", arguments: Backend.allCases)
    func literalPercentMissing(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            try await e.put(["raw/other.txt"])
            let row = try await e.rows([Self.literalKey], raw: true)[0]
            let sync = await e.shell().run("sync --min-age 0s --json")
            #expect(sync.out.contains("\"added\":1,\"removed\":1"), "\(sync.out)\(sync.err)")
            #expect(try await e.catalog.record(id: row.id)?.deletedAt != nil)
        }
    }

    @Test("check does not say 'agree' while drift waits for --min-age (exit 7, listed)", arguments: Backend.allCases)
    func pendingDrift(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            try await e.put(["p/ok.txt", "p/just-uploaded.txt"])
            try await e.rows(["p/ok.txt"])
            let report = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-pend-\(UUID().uuidString).json").path
            defer { try? FileManager.default.removeItem(atPath: report) }
            let check = await e.shell().run("check --report \(report)")
            #expect(check.status == ExitStatus(7), "\(check.out)\(check.err)")
            #expect(!check.err.contains("agree") && !check.out.contains("agree"), "\(check.err)")
            #expect((check.out + check.err).contains("1 items are pending"), "\(check.out)\(check.err)")
            let items = try String(contentsOfFile: report, encoding: .utf8)
            #expect(items.contains("\"young\"") && items.contains("just-uploaded"), "\(items)")
            let json = await e.shell().run("check --json")
            #expect(json.status == ExitStatus(7))
            #expect(json.out.contains("\"young\":1"), "\(json.out)")
            // --min-age 0: nothing is pending; the new object is plain drift.
            #expect(await e.shell().run("check --min-age 0").status == .drift)
            _ = await e.shell().run("sync --min-age 0")
            #expect(await e.shell().run("check").status == .ok, "nothing pending, nothing to do")
        }
    }

    @Test("a row soft-deleted after its object's last change stays deleted: kept out, no new row, not drift",
          arguments: Backend.allCases)
    func keptOut(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            try await e.put(["k/kept.pdf", "k/back.pdf"])
            let rows = try await e.rows(["k/kept.pdf", "k/back.pdf"])
            // As `rm ID --keep-object` does, later than the clocks' tolerance: the row goes, the object stays.
            try await Task.sleep(for: DeletionOrder.tolerance + .seconds(1))
            _ = try await e.catalog.softDelete(ids: rows.map(\.id), actor: nil)
            try await Task.sleep(for: DeletionOrder.tolerance + .seconds(1))
            try await e.put(["k/back.pdf"])  // uploaded again after the deletion: restored
            let sync = await e.shell().run("sync --min-age 0s --json")
            #expect(sync.status == .ok, "\(sync.err)")
            #expect(sync.out.contains("\"added\":0,\"removed\":0,\"restored\":1"), "\(sync.out)")
            #expect(sync.out.contains("\"kept_out\":1"), "\(sync.out)")
            #expect(try await e.catalog.record(id: rows[0].id)?.deletedAt != nil, "the deliberate deletion holds")
            #expect(try await e.catalog.record(id: rows[1].id)?.deletedAt == nil, "the re-uploaded object's row is back")
            #expect(try await e.activeURLs() == [e.mapping.url(for: "k/back.pdf")], "no new row for the kept-out object")
            let check = await e.shell().run("check --min-age 0s --json")
            #expect(check.status == .ok, "kept out is not drift: \(check.out)\(check.err)")
            #expect(check.out.contains("\"kept_out\":1"), "\(check.out)")
        }
    }

    @Test("an object modified within the tolerance of its row's deletion is ambiguous: never acted on")
    func deletionNearTie() async throws {
        try await E2E.with(.local) { e in
            try await e.put(["t/tie.pdf"])
            let row = try await e.rows(["t/tie.pdf"])[0]
            _ = try await e.catalog.softDelete(ids: [row.id], actor: nil)
            try await e.put(["t/tie.pdf"])  // within a second of the deletion
            let sync = await e.shell().run("sync --min-age 0s --json")
            #expect(sync.out.contains("\"added\":0,\"removed\":0,\"restored\":0"), "\(sync.out)")
            #expect(sync.out.contains("\"ambiguous\":1"), "\(sync.out)")
            #expect(try await e.catalog.record(id: row.id)?.deletedAt != nil)
        }
    }
}
