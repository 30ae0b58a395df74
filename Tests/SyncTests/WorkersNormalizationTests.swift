import BackendSupport
import Catalog
import Foundation
import R2STestSupport
import SyncEngine
import UserFacing
import Testing

/// Folder names that differ only in Unicode normalization are two folders in a bucket (S3 keys
/// are bytes). The partition set keeps them as one member (Swift's `String` compares and hashes by
/// canonical equivalence), and that partition's scoped sync lists every spelling of its prefix:
/// this pins that the two folders are still covered once, exactly as one process covers them.
@Suite(.serialized) struct WorkersNormalizationTests {
    static let keys = ["n/caf\u{E9}/1.pdf", "n/cafe\u{301}/2.pdf", "n/caf\u{E9}/3.pdf", "m/1.pdf", "top.pdf"]

    @Test("NFC and NFD spellings of a folder: --workers adds exactly what a single-process sync adds")
    func twinFolders() async throws {
        try await E2E.with(.postgres) { e in
            guard let env = try WorkersE2ETests.environment(e, rest: false), let pgURL = e.pgURL else { return }
            try await e.put(Self.keys)
            let run = try await WorkersE2ETests.r2s("sync --yes --workers 2 --min-age 0s --json", env: env)
            #expect(run.status == 0, "\(run.output)")
            let byWorkers = try await e.activeURLs()

            // The same bucket from an empty catalog, by one process.
            try E2E.sql(pgURL, "DELETE FROM \"\(e.table)\"")
            let single = await e.shell().run("sync --yes --min-age 0s --json")
            #expect(single.status == .ok, "\(single.err)")
            let bySingle = try await e.activeURLs()
            #expect(bySingle.count == Self.keys.count, "\(bySingle)")
            #expect(byWorkers == bySingle, "workers: \(byWorkers)\nsingle: \(bySingle)")
        }
    }
}
