import Foundation
import Testing

@testable import StorageModule

/// `UploadPlan` hands `upload`'s files out a batch at a time (issue 16: the walk of 100,000 files
/// is not held in memory), in the order a depth-first walk of byte-sorted names gives.
@Suite struct UploadWalkTests {
    private func tree(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-walk-\(UUID().uuidString)")
        for (path, contents) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
        }
        return root
    }

    @Test func filesComeABatchAtATimeInWalkOrder() throws {
        let root = try tree(["top/b.txt": "bb", "top/a/z.txt": "z", "top/a/y.txt": "y", "top/c/x.txt": "x", "one.txt": "1"])
        defer { try? FileManager.default.removeItem(at: root) }
        let top = root.appendingPathComponent("top").path
        let one = root.appendingPathComponent("one.txt").path
        let missing = root.appendingPathComponent("missing").path
        let plan = UploadPlan(paths: [top, one, one, missing], prefix: "m", recursive: true)
        #expect(plan.folders == ["m/top/"])
        var batches: [[String]] = []
        var problems: [String] = []
        while let batch = plan.next(2) {
            batches.append(batch.map(\.key))
            problems += plan.takeProblems().map { "\($0.item): \($0.error)" }
        }
        #expect(batches == [["m/top/a/y.txt", "m/top/a/z.txt"], ["m/top/b.txt", "m/top/c/x.txt"], ["m/one.txt"]])
        #expect(problems.count == 2)
        #expect(problems.first?.hasPrefix(missing) == true, "\(problems)")  // found with the arguments
        #expect(problems.last?.hasPrefix(one) == true, "\(problems)")  // the second one.txt: same key
        #expect(plan.next(2) == nil)
    }

    @Test func totalsCountWithoutKeepingFiles() throws {
        let root = try tree(["d/a.txt": "12345", "d/b.txt": "123", "d/e/c.txt": "1234567"])
        defer { try? FileManager.default.removeItem(at: root) }
        let d = root.appendingPathComponent("d").path
        let totals = UploadPlan(paths: [d], prefix: "", recursive: true).totals(upTo: 6)
        #expect(totals.files == 2 && totals.bytes == 8 && totals.all == 3)
    }
}
