import Foundation
import PluginHost
import R2SCore
import Testing

/// The shipped external plugin `plugins/report-html/r2s-report-html` (Python 3), run as r2s runs it.
extension ExternalPluginTests {
    /// The shipped plugin's own folder in the repository.
    static let shippedFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("plugins/report-html").path

    static let sampleReport = """
        [
          {"key": "fichas/<script>alert(1)</script>.pdf", "url": "https://files.example/fichas/a&b.pdf",
           "record_id": null, "action": "insert", "reason": "object without row"},
          {"key": "fichas/relatório \\"final\\".pdf", "url": "javascript:alert(2)",
           "record_id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "action": "soft-delete", "reason": "row without object"},
          {"key": "fotos/ok.jpg", "url": "https://files.example/fotos/ok.jpg", "record_id": "c0ffee00-0000-4000-8000-000000000001",
           "action": "soft-delete", "reason": "row without object", "size": 12}
        ]
        """

    @Test("report-html turns a sync report into a standalone page with every key, HTML-escaped")
    func reportHtml() async throws {
        let tmp = TempDir()
        let report = tmp.file("sync-2025-01-31.json", Self.sampleReport)
        let shell = PluginShell(pluginPath: [Self.shippedFolder], path: ["/usr/bin", "/bin"])
        let result = await shell.run("report-html", report, "-q")
        #expect(result.status == .ok)
        let page = try #require(tmp.read("sync-2025-01-31.html"))
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("fichas/&lt;script&gt;alert(1)&lt;/script&gt;.pdf"))
        #expect(page.contains("fichas/relatório &quot;final&quot;.pdf"))
        #expect(page.contains("fotos/ok.jpg"))
        #expect(page.contains("1b4e28ba-2fa1-11d2-883f-0016d3cca427"))
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("<a href=\"https://files.example/fichas/a&amp;b.pdf\">"))
        #expect(!page.contains("href=\"javascript:"))  // only http(s) urls become links
        #expect(page.contains("insert: 1"))
        #expect(page.contains("soft-delete: 2"))
        #expect(page.contains("<th>size</th>"))  // fields beyond the known five get a column too
    }

    @Test("report-html -o picks the page's path; bad input exits 1, bad usage 2")
    func reportHtmlErrors() async throws {
        let tmp = TempDir()
        let report = tmp.file("r.json", Self.sampleReport)
        let shell = PluginShell(pluginPath: [Self.shippedFolder], path: ["/usr/bin", "/bin"])
        #expect(await shell.run("report-html", report, "-o", tmp.path + "/page.html", "-q").status == .ok)
        #expect(tmp.read("page.html")?.contains("fotos/ok.jpg") == true)
        let notJSON = tmp.file("bad.json", "{not json")
        #expect(await shell.run("report-html", notJSON, "-q").status == .failure)
        let notReport = tmp.file("obj.json", "{\"a\": 1}")
        #expect(await shell.run("report-html", notReport, "-q").status == .failure)
        #expect(await shell.run("report-html", tmp.path + "/missing.json", "-q").status == .failure)
        #expect(await shell.run("report-html", "-q").status == .usage)
        #expect(await shell.run("report-html", "--bogus", "-q").status == .usage)
        let help = await shell.run("report-html", "--help")
        #expect(help.out.hasPrefix("usage: report-html REPORT.json [-o PAGE.html]"))
    }

    static let headedReport = """
        {"header": {"time": "2026-12-03T10:00:00.000000Z", "r2s_version": "9.9.9", "command": "check",
                    "target": {"profile": "prod", "bucket": "media<b>", "catalog": "postgres db.example/app", "table": "storage"},
                    "scope": "fichas/", "counts": {"objects": 2, "records": 2, "removed": 1, "dry_run": true}},
         "items": [
          {"key": "fichas/ok.pdf", "url": "https://files.example/fichas/ok.pdf", "record_id": "c0ffee00-0000-4000-8000-000000000002",
           "action": "none", "kind": "ok", "reason": "in agreement"},
          {"key": null, "url": "https://files.example/fichas/gone.pdf", "record_id": "c0ffee00-0000-4000-8000-000000000003",
           "action": "remove", "kind": "remove", "reason": "row without object"}
         ]}
        """

    @Test("report-html reads {header, items}: shows the header (escaped), and --hide-ok leaves the ok rows out")
    func reportHtmlHeader() async throws {
        let tmp = TempDir()
        let report = tmp.file("check.json", Self.headedReport)
        let shell = PluginShell(pluginPath: [Self.shippedFolder], path: ["/usr/bin", "/bin"])
        #expect(await shell.run("report-html", report, "-q").status == .ok)
        let full = try #require(tmp.read("check.html"))
        #expect(full.contains("fichas/ok.pdf") && full.contains("fichas/gone.pdf"))
        #expect(full.contains("<dt>scope</dt><dd>fichas/</dd>"))
        #expect(full.contains("bucket media&lt;b&gt;") && !full.contains("media<b>"))
        #expect(full.contains("<dt>r2s_version</dt><dd>9.9.9</dd>"))
        #expect(full.contains("removed 1"))
        #expect(full.contains("2 items &middot;"))

        #expect(await shell.run("report-html", report, "--hide-ok", "-o", tmp.path + "/hidden.html", "-q").status == .ok)
        let hidden = try #require(tmp.read("hidden.html"))
        #expect(!hidden.contains("fichas/ok.pdf"))
        #expect(hidden.contains("fichas/gone.pdf"))
        #expect(hidden.contains("1 items (1 ok hidden)"))
    }
}
