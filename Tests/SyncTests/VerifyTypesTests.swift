import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Testing

/// `--verify-types`: an object's type comes from HEAD instead of its extension, on the real stores.
@Suite(.serialized) struct VerifyTypesTests {
    @Test("--verify-types scopes by the stored content type; without it the extension decides", arguments: Backend.allCases)
    func verifyTypes(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            // A PDF stored under a key without a telling extension, and a mislabelled .pdf key.
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-vt-\(UUID().uuidString)").path
            try Data("%PDF-1.7".utf8).write(to: URL(fileURLWithPath: file))
            defer { try? FileManager.default.removeItem(atPath: file) }
            _ = try await e.store.upload(file, to: "docs/scan-0001", contentType: "application/pdf", progress: nil)
            _ = try await e.store.upload(file, to: "docs/photo.pdf", contentType: "image/jpeg", progress: nil)

            let byExtension = BufferConsole()
            let scope = ["--type", "application/pdf", "--min-age", "0s", "--json"]
            #expect(await e.dispatch(["sync", "docs/", "--dry-run"] + scope, console: byExtension) == .ok)
            #expect(byExtension.output.contains("\"objects\":1,"), "\(byExtension.output)")

            let verified = BufferConsole()
            #expect(await e.dispatch(["sync", "docs/", "--verify-types"] + scope, console: verified) == .ok)
            #expect(verified.output.contains("\"objects\":1,"), "\(verified.output)")
            #expect(verified.output.contains("\"added\":1,"), "\(verified.output)")
            let rows = try await e.allRows()
            #expect(rows.map(\.url) == [e.mapping.url(for: "docs/scan-0001")])
            #expect(rows.first?.contentType == "application/pdf")
        }
    }
}
