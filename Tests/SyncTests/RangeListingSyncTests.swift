import BackendSupport
import Foundation
import ObjectStore
import R2STestSupport
import Scope
@testable import SyncEngine
import Testing

/// Issue 17 §1: sync's listing split over key ranges gives the same plan as one sequential
/// listing, on the SigV4 server and on the byte-exact one, with keys whose url forms (`%25`
/// against `%`, NFC against NFD) sit next to each other across range boundaries.
@Suite("Range-listed sync")
struct RangeListingSyncTests {
    static let keys: [String] = [
        "docs/a%25b.txt", "docs/a%b.txt", "docs/café.txt", "docs/cafe\u{301}s.txt", "docs/a+b.txt", "docs/a b.txt",
        "docs/日本.txt", "docs/😀.txt", "docs/x/y.txt",
    ] + (0..<30).map { String(format: "docs/f%03d.txt", $0) } + (0..<12).map { String(format: "m/%02d.pdf", $0) }

    static func plan(_ e: E2E, concurrency: Int) async throws -> SyncResult {
        var options = SyncOptions(dryRun: true, minAge: .zero, maxDelete: .percent(100), listPageSize: 2)
        options.listConcurrency = concurrency
        return try await e.engine().plan(options) { _ in }
    }

    static func same(_ a: SyncResult, _ b: SyncResult) {
        #expect(a.summary == b.summary)
        #expect(Set(a.plan.additions.map(\.key)) == Set(b.plan.additions.map(\.key)))
        #expect(Set(a.plan.removals.map(\.id)) == Set(b.plan.removals.map(\.id)))
        #expect(Set(a.plan.restorations.map(\.id)) == Set(b.plan.restorations.map(\.id)))
    }

    @Test("the plan from 5 range streams equals the sequential plan; after sync both are no-ops",
          arguments: [Backend.postgres, Backend.moto])
    func sameAsSequential(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            try await e.put(Self.keys)
            // Rows for every other key (raw and encoded urls), plus rows whose object never existed.
            let stride2 = Self.keys.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            try await e.rows(Array(stride2.prefix(10)), raw: true)
            try await e.rows(Array(stride2.dropFirst(10)))
            try await e.rows(["docs/gone%25.txt", "docs/gone.txt", "m/zz.pdf"])
            let sequential = try await Self.plan(e, concurrency: 1)
            let ranged = try await Self.plan(e, concurrency: 5)
            Self.same(sequential, ranged)
            #expect(!ranged.plan.isEmpty)
            #expect(ranged.summary.removed == 3)

            var options = SyncOptions(minAge: .zero, maxDelete: .percent(100), listPageSize: 2)
            options.listConcurrency = 5
            let applied = try await e.engine().sync(options, observer: { _ in }, confirm: { _ in true })
            #expect(applied.applied)
            let afterSequential = try await Self.plan(e, concurrency: 1)
            let afterRanged = try await Self.plan(e, concurrency: 5)
            #expect(afterSequential.plan.isEmpty, "sync after a range-listed sync is a no-op")
            Self.same(afterSequential, afterRanged)
        }
    }

    @Test("with the catalog's url statistics as first cuts the plan is still the sequential one")
    func histogramCuts() async throws {
        try await E2E.with(.postgres) { e in
            try await e.put(Self.keys)
            let stride2 = Self.keys.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            try await e.rows(Array(stride2.prefix(10)), raw: true)
            try await e.rows(Array(stride2.dropFirst(10)))
            try await e.rows(["docs/gone%25.txt", "docs/gone.txt", "m/zz.pdf"])
            // Hostile urls reach the statistics too: a terminal escape and one past the key cap.
            let pg = try #require(e.pgURL)
            try E2E.sql(pg, "INSERT INTO \"\(e.table)\" (nome, url) VALUES ('esc', '\(E2E.base)/docs/' || chr(27) || '[31mred.txt')")
            try E2E.sql(pg, "INSERT INTO \"\(e.table)\" (nome, url) VALUES ('long', '\(E2E.base)/docs/' || repeat('a', 900))")
            try E2E.sql(pg, "ANALYZE \"\(e.table)\"")
            let query = e.engine().recordQuery(prefixes: SyncEngine.listPrefixes(testScope().listPrefixes))
            let cuts = await SyncEngine.histogramKeys(e.catalog, query: query, mapping: e.mapping)
            // Every row's url is a bound of so small a table; they name keys under the listed prefixes.
            #expect(cuts.count >= 20, "\(cuts)")
            #expect(cuts.contains("docs/a%b.txt") && cuts.contains("docs/café.txt"), "urls decoded to keys: \(cuts)")
            #expect(cuts.contains("docs/\u{1b}[31mred.txt") && cuts.allSatisfy { $0.utf8.count <= KeyMapping.maxKeyBytes })
            let sequential = try await Self.plan(e, concurrency: 1)
            let ranged = try await Self.plan(e, concurrency: 5)
            Self.same(sequential, ranged)
            // The three gone keys, the escaped one and the 900-byte one: none has an object.
            #expect(ranged.summary.removed == 5)
        }
    }
}
