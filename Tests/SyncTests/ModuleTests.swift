import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Services
import SyncEngine
import SyncModule
import Testing

/// The `sync`, `check` and `sync-item` commands through the real dispatcher, over fakes.
@Suite struct ModuleTests {
    let store = FakeObjectStore()
    let catalog = FakeCatalog()
    let mapping = TestMapping.make()

    func shell(_ language: Language = .en) -> TestShell {
        TestShell(modules: [SyncModule(services: FixedServices(store: store, catalog: catalog, mapping: KeyMapping(publicBase: TestMapping.base)))], language: language)
    }

    func tmp(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("r2s-sync-\(UUID().uuidString)-\(name)").path
    }

    /// 3 files, 3 rows: a.pdf agrees, b.pdf has no row, gone.pdf has no file.
    func drift() {
        store.put("fichas/a.pdf")
        store.put("fichas/b.pdf")
        store.put("other/c.txt")
        catalog.add(mapping.url(for: "fichas/a.pdf"))
        catalog.add(mapping.url(for: "fichas/gone.pdf"))
        catalog.add(mapping.url(for: "other/c.txt"))
    }

    @Test("pt-BR log lines exactly as the original, timestamped, on stderr; summary on stdout")
    func portugueseLog() async throws {
        drift()
        let r = await shell(.ptBR).run("sync")
        #expect(r.status == .ok)
        let lines = r.err.split(separator: "\n").map(String.init)
        let pattern = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} - (INFO|WARNING|ERROR) - .+$/
        #expect(lines.allSatisfy { $0.wholeMatch(of: pattern) != nil }, "\(lines)")
        #expect(r.err.contains(" - INFO - Encontrados 3 arquivos no R2\n"))
        #expect(r.err.contains(" - INFO - Encontrados 3 registros ativos na tabela storage\n"))
        #expect(r.err.contains(" - INFO - Registro removido: gone.pdf (URL: https://cdn.example.com/fichas/gone.pdf)\n"))
        #expect(r.err.contains(" - INFO - Registro adicionado: b.pdf (URL: https://cdn.example.com/fichas/b.pdf)\n"))
        #expect(r.err.contains(" - INFO - Sincronização concluída: 1 registro adicionado, 1 registro removido\n"))
        #expect(r.out.contains("added:"))
        #expect(catalog.active.count == 3)
    }

    @Test("English otherwise, and --json prints one summary object with the documented keys")
    func jsonSummary() async throws {
        drift()
        let r = await shell().run("sync --json")
        #expect(r.err.contains(" - INFO - Found 3 files in R2\n"))
        #expect(r.err.contains("Sync finished: 1 record added, 1 record removed"))
        let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        let keys = ["objects", "records", "added", "removed", "restored", "unchanged", "foreign", "duplicates",
                    "mismatched", "errors", "dry_run"]
        for k in keys { #expect(json?[k] != nil, "missing \(k)") }
        #expect(json?["added"] as? Int == 1 && json?["removed"] as? Int == 1 && json?["unchanged"] as? Int == 2)
        #expect(json?["dry_run"] as? Bool == false)
    }

    /// Issue 12.10: existing keys with `.`/`..` segments are reported by check (not drift).
    @Test("check reports keys with dot segments")
    func checkReportsDotSegments() async throws {
        store.put("fichas/../a.pdf")
        store.put("fichas/ok.pdf")
        catalog.add(mapping.url(for: "fichas/../a.pdf"))
        catalog.add(mapping.url(for: "fichas/ok.pdf"))
        let r = await shell().run("check --json")
        #expect(r.status == .ok, "\(r.err)")
        #expect(r.err.contains("1 keys have a '.' or '..' segment (e.g. 'fichas/../a.pdf')"), "\(r.err)")
        let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        #expect(json?["dot_segments"] as? Int == 1)
    }

    @Test("--dry-run and check change nothing; check exits 6 on drift and 0 after sync")
    func dryRunAndCheck() async throws {
        drift()
        let before = catalog.rows
        let dry = await shell().run("sync --dry-run")
        #expect(dry.status == .ok)
        #expect(dry.err.contains("Would remove record: gone.pdf"))
        #expect(dry.err.contains("Would add record: b.pdf"))
        let check = await shell().run("check")
        #expect(check.status == .drift)
        #expect(catalog.rows == before && catalog.writeCalls == 0)
        _ = await shell().run("sync")
        let clean = await shell().run("check")
        #expect(clean.status == .ok)
        #expect(clean.err.contains("Bucket and catalog agree"))
    }

    @Test("scope by prefix: fichas is fichas/, never fichas2/")
    func prefixScope() async throws {
        drift()
        store.put("fichas2/new.pdf")
        catalog.add(mapping.url(for: "fichas2/old.pdf"))
        let r = await shell().run("sync fichas --json")
        #expect(r.status == .ok)
        let urls = Set(catalog.active.map(\.url))
        #expect(urls.contains(mapping.url(for: "fichas2/old.pdf")))
        #expect(!urls.contains(mapping.url(for: "fichas2/new.pdf")))
        #expect(urls.contains(mapping.url(for: "fichas/b.pdf")))
        #expect(!urls.contains(mapping.url(for: "fichas/gone.pdf")))
    }

    @Test("a refusal exits 4, says how to override, changes nothing")
    func refusal() async throws {
        for i in 0..<5 { catalog.add(mapping.url(for: "x/\(i).pdf")) }
        let r = await shell(.ptBR).run("sync --json")
        #expect(r.status == .refused)
        #expect(r.err.contains(" - ERROR - recusado: o bucket não lista nenhum arquivo"))
        #expect(r.err.contains("dica: ") && r.err.contains("--allow-empty"))
        #expect(r.out.contains("\"refused\":\"empty_bucket\""))
        #expect(r.out.contains("\"removed\":0"))
        #expect(catalog.writeCalls == 0)
    }

    @Test("a failed listing logs `Erro ao sincronizar com R2: …` and exits 3")
    func readError() async throws {
        drift()
        store.failAfterPages = 0
        let r = await shell(.ptBR).run("sync")
        #expect(r.status == .config)
        #expect(r.err.contains(" - ERROR - Erro ao sincronizar com R2: a listagem do bucket falhou"))
        #expect(catalog.writeCalls == 0)
    }

    @Test("a filter that matches nothing is allowed and says so")
    func emptyScope() async throws {
        drift()
        let r = await shell().run("sync nothing-here --type image/png")
        #expect(r.status == .ok)
        #expect(r.err.contains("the filter matches nothing"))
    }

    @Test("--report writes every classified key as CSV or JSON")
    func report() async throws {
        drift()
        let csv = tmp("r.csv"), json = tmp("r.json")
        defer { try? FileManager.default.removeItem(atPath: csv); try? FileManager.default.removeItem(atPath: json) }
        _ = await shell().run("sync --dry-run --report \(csv)")
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(text.hasPrefix("key,url,record_id,action,kind,reason\n"))
        #expect(text.contains("fichas/b.pdf,https://cdn.example.com/fichas/b.pdf,,add,add,object without row\n"))
        #expect(text.split(separator: "\n").count == 5)
        // The CSV's header is beside it; a JSON report is {"header": {…}, "items": [ … ]}.
        let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: csv + ".meta.json"))) as? [String: Any]
        let csvHeader = meta?["header"] as? [String: Any]
        #expect(csvHeader?["command"] as? String == "sync --dry-run")
        #expect((csvHeader?["counts"] as? [String: Any])?["added"] as? Int == 1, "\(meta ?? [:])")
        try? FileManager.default.removeItem(atPath: csv + ".meta.json")
        _ = await shell().run("check --report \(json)")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        let items = document?["items"] as? [[String: Any]]
        #expect(items?.count == 4)
        let header = document?["header"] as? [String: Any]
        #expect(header?["command"] as? String == "check" && header?["scope"] as? String == "whole bucket", "\(header ?? [:])")
        #expect((header?["counts"] as? [String: Any])?["removed"] as? Int == 1)
        #expect((header?["target"] as? [String: Any])?["profile"] as? String == "local")
        #expect(items?.contains { $0["action"] as? String == "remove" && $0["record_id"] is String } == true)
        let bad = await shell().run("sync --report out.txt")
        #expect(bad.status == .usage)
    }

    @Test("--report masks a url's password and the session's secrets in rows' urls")
    func reportHasNoSecrets() async throws {
        drift()
        catalog.add("https://admin:hunter2pw@files.other.example/x.pdf")
        catalog.add("https://files.other.example/tok3nvalue99/y.pdf")
        let json = tmp("r.json")
        defer { try? FileManager.default.removeItem(atPath: json) }
        let r = await shell().run("set MY_TOKEN tok3nvalue99\ncheck --min-age 0s --report \(json)")
        #expect(r.status == .drift, "\(r.err)")
        let text = try String(contentsOfFile: json, encoding: .utf8)
        #expect(text.contains("files.other.example"), "the foreign rows are reported")
        #expect(!text.contains("hunter2pw") && !text.contains("tok3nvalue99"), "\(text)")
    }

    @Test("--plan writes sync-item lines; applying them gives the same end state as sync, twice is a no-op")
    func planApplied() async throws {
        drift()
        store.put("fichas/foto + legenda 100%.jpg")
        let path = tmp("plan.r2s")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = await shell().run("sync --plan \(path)")
        #expect(r.status == .ok)
        #expect(catalog.writeCalls == 0)
        let plan = try String(contentsOfFile: path, encoding: .utf8)
        #expect(plan.contains("sync-item add --encoded fichas/foto%20%2B%20legenda%20100%25.jpg\n"))
        #expect(plan.contains("sync-item remove "))
        let commands = plan.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { $0.split(separator: "#")[0].trimmingCharacters(in: .whitespaces) }
        for c in commands {
            let out = await shell().run(c)
            #expect(out.status == .ok, "\(c): \(out.err)")
        }
        let check = await shell().run("check")
        #expect(check.status == .ok, "\(check.err)")
        let writes = catalog.writeCalls
        for c in commands { _ = await shell().run(c) }
        #expect(catalog.writeCalls == writes)
    }

    @Test("sync-item re-checks before acting")
    func syncItemRechecks() async throws {
        store.put("back.pdf")
        let removedID = catalog.add(mapping.url(for: "back.pdf"), deleted: Date(timeIntervalSince1970: 1_600_000_000))
        let activeID = catalog.add(mapping.url(for: "here.pdf"))
        store.put("here.pdf")
        let remove = await shell().run("sync-item remove \(activeID.uuidString)")
        #expect(remove.status == .ok && remove.err.contains("exists; record not removed"))
        let add = await shell().run("sync-item add missing.pdf")
        #expect(add.status == .ok && add.err.contains("not in the bucket"))
        let restore = await shell().run("sync-item restore \(removedID.uuidString)")
        #expect(restore.status == .ok && catalog.row(removedID)?.deletedAt == nil)
        #expect(catalog.writeCalls == 1)
        let unknown = await shell().run("sync-item remove \(UUID().uuidString)")
        #expect(unknown.status == .failure)
    }

    @Test("--every runs on a schedule until cancelled")
    func every() async throws {
        drift()
        // Through the dispatcher directly: the interpreter runs each command in its own task
        // that only SIGINT cancels, while here cancelling the caller's task plays Ctrl-C.
        let sh = shell()
        let console = sh.console
        let (dispatcher, context) = (sh.interpreter.dispatcher, sh.interpreter.context)
        let task = Task { await dispatcher.execute(["sync", "--every", "1s", "--min-age", "0s"], in: context) }
        // Wait (bounded) until the second run has logged, then stop it as Ctrl-C would.
        for _ in 0..<400 where console.errorOutput.components(separatedBy: "Next sync in 1s").count < 3 {
            try await Task.sleep(for: .milliseconds(50))
        }
        task.cancel()
        let status = await task.value
        #expect(status == .interrupted)
        let err = console.errorOutput
        let runs = err.components(separatedBy: "Next sync in 1s").count - 1
        #expect(runs >= 2)
        #expect(err.contains("Sync finished: 1 record added, 1 record removed"))
        #expect(err.contains("Sync finished: 0 records added, 0 records removed"))
    }

    @Test("bad flags are usage errors", arguments: ["sync --max-delete ten", "sync --min-age soon", "sync --every 0s",
                                                     "sync --type no/such/type", "sync --plan p.r2s --dry-run", "check --url-base ftp://x"])
    func badFlags(_ line: String) async {
        let r = await shell().run(line)
        #expect(r.status == .usage, "\(r.err)")
    }

    @Test("--help shows examples")
    func help() async {
        for word in ["sync", "check", "sync-item"] {
            let r = await shell().run("\(word) --help")
            #expect(r.status == .ok && r.out.contains("EXAMPLES:"), "\(word)")
        }
    }
}
