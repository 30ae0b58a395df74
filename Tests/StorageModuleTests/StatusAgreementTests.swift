import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Testing

/// Issue 12.12: `ls` must call rows `duplicate` whenever `check` does — several active rows whose
/// urls resolve (KeyMapping.resolve, the rule check uses) to one object — whatever spelling
/// each url uses. (A host spelled in capitals is not covered: a scoped `ls` asks the catalog
/// for url prefixes, see `KeyMapping.urlPrefixes`.)
@Suite struct StatusAgreementTests {
    static let spellings: [(String, String)] = [
        ("same url twice", "https://files.example.com/fichas/a%C3%A7%C3%A3o.jpg"),
        ("lowercase hex", "https://files.example.com/fichas/a%c3%a7%c3%a3o.jpg"),
        ("NFD raw", "https://files.example.com/fichas/ac\u{0327}a\u{0303}o.jpg"),
        ("needless escape", "https://files.example.com/fichas/%61%C3%A7%C3%A3o.jpg"),
    ]

    @Test(arguments: [Backend.local, .postgres], spellings.map(\.0))
    func lsAgreesWithCheckOnDuplicates(_ backend: Backend, spelling: String) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let shell = f.shell()
        let path = try f.file("ação.jpg", "jpeg")
        #expect(await shell.execute(["upload", path, "--to", "fichas"]).status == .ok)
        let other = try #require(Self.spellings.first { $0.0 == spelling }).1
        #expect(f.mapping.resolve(other) == .key("fichas/ação.jpg"), "the test's url must resolve to the key")
        _ = try await f.catalog.insert([NewRecord(nome: "ação.jpg", url: other)])
        let rows = jsonRows(await shell.execute(["ls", "fichas", "--json"]).out)
        #expect(rows.count == 2, "\(rows)")
        #expect(rows.allSatisfy { $0["status"] as? String == "duplicate" }, "\(spelling): \(rows.map { $0["status"] ?? "-" })")
    }
}
