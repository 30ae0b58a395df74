import Foundation
import R2STestSupport
import Testing

/// The shipped `.r2s` examples against the real test servers (SeaweedFS + PostgreSQL), run by
/// the real executable. They need the `check` and `sync` commands and the full interpreter, so
/// they are skipped (visibly) until those are linked into `r2s`; then a missing server is a
/// skip, or a failure under R2S_REQUIRE_SERVERS=1 (TestServers).
///
/// Assumptions about the commands they drive (issue 6 / sync): `check [PREFIX] --report FILE`
/// exits 6 on drift; `sync --report FILE` writes a JSON array of {key, url, record_id, action,
/// reason} and refuses (exit 4) when the bucket lists nothing while the catalog has rows; row
/// urls are `R2_PUBLIC_URL/key`; rows changed long ago are not "young" (min-age).
@Suite(.serialized) struct ShippedExamplesTests {
    static let publicURL = "https://files.example.test"

    /// One bucket and one catalog table of this test's own.
    struct Fixture {
        let s3: TestServers.S3
        let pg: TestServers.Postgres
        let bucket: String
        let table: String
        let home: TempDir

        init?(_ label: String) throws {
            guard let s3 = TestServers.s3(), let pg = TestServers.postgres() else { return nil }
            let suffix = UUID().uuidString.prefix(8).lowercased()
            self.s3 = s3
            self.pg = pg
            bucket = "plg-\(label)-\(suffix)"
            table = "plg_\(label)_\(suffix)"
            home = TempDir("plg-\(label)")
            try curl(["-X", "PUT", "\(s3.endpoint)/\(bucket)"])
            try sql("""
                CREATE TABLE \(table) (
                  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), nome text NOT NULL, url text NOT NULL,
                  content_type text, size integer, tipo_referencia text, referencia_id uuid,
                  created_at timestamptz DEFAULT now(), updated_at timestamptz DEFAULT now(),
                  created_by uuid, updated_by uuid, deleted_at timestamptz)
                """)
        }

        @discardableResult
        func curl(_ args: [String]) throws -> String {
            try run("/usr/bin/curl", ["-sSf", "--aws-sigv4", "aws:amz:auto:s3", "--user", "\(s3.accessKey):\(s3.secretKey)"] + args)
        }

        @discardableResult
        func sql(_ text: String) throws -> String {
            try run("/usr/bin/psql", [pg.url, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", text])
        }

        /// Uploads an object (SigV4 through curl; `-T` so curl signs the payload).
        func put(_ key: String) throws {
            let body = home.file("body", "contents of \(key)\n")
            try curl(["-T", body, "\(s3.endpoint)/\(bucket)/\(key)"])
        }

        /// Inserts an active row for `key`, changed a day ago (older than sync's min-age), with the
        /// size `put(key)` gives the object (a different size would be a reported mismatch).
        func row(_ key: String) throws {
            let name = key.split(separator: "/").last.map(String.init) ?? key
            let size = "contents of \(key)\n".utf8.count
            try sql("""
                INSERT INTO \(table) (nome, url, content_type, size, created_at, updated_at)
                VALUES ('\(name)', '\(ShippedExamplesTests.publicURL)/\(key)', 'application/pdf', \(size),
                        now() - interval '1 day', now() - interval '1 day')
                """)
        }

        func deletedKeys() throws -> [String] {
            try sql("SELECT url FROM \(table) WHERE deleted_at IS NOT NULL ORDER BY url").split(separator: "\n")
                .map { String($0.dropFirst(ShippedExamplesTests.publicURL.count + 1)) }
        }

        /// The profile the executable runs with: this bucket and table, nothing from the machine.
        var environment: [String: String] {
            R2SBinary.environment(
                home: home.path,
                extra: [
                    "R2_ENDPOINT": s3.endpoint, "R2_ACCESS_KEY_ID": s3.accessKey, "R2_SECRET_ACCESS_KEY": s3.secretKey,
                    "R2_BUCKET": bucket, "R2_REGION": "auto", "R2_PUBLIC_URL": ShippedExamplesTests.publicURL,
                    "DATABASE_URL": pg.url, "R2S_CATALOG": "postgres", "R2S_TABLE": table,
                ])
        }

        func run(_ executable: String, _ args: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = args
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw CommandFailed(command: ([executable] + args.filter { !$0.contains(s3.secretKey) }).joined(separator: " "))
            }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    struct CommandFailed: Error, CustomStringConvertible {
        var command: String
        var description: String { "failed: \(command)" }
    }

    @Test(
        "orphans.r2s reports rows without objects (exit 6) under the prefix only, changes nothing; a clean prefix exits 0",
        .enabled(if: R2SBinary.hasLanguage && R2SBinary.hasCommands(["check"]), "needs the .r2s interpreter and `check`"))
    func orphans() throws {
        guard let fx = try Fixture("orphans") else { return }
        for key in ["fichas/a.pdf", "fichas/unused.pdf", "outros/x.pdf", "limpo/ok.pdf"] { try fx.put(key) }
        for key in ["fichas/a.pdf", "fichas/missing.pdf", "limpo/ok.pdf"] { try fx.row(key) }
        let report = fx.home.path + "/orphans.json"

        let drift = try R2SBinary.run(["-c", "orphans fichas/ --report \"$1\"", report], environment: fx.environment)
        #expect(drift.status == 6, "stderr: \(drift.err)")
        let text = try #require(fx.home.read("orphans.json"), "no report written; stderr: \(drift.err)")
        #expect(text.contains("fichas/missing.pdf"))
        #expect(!text.contains("outros/x.pdf"))
        #expect(try fx.deletedKeys() == [])  // read-only
        #expect(try fx.sql("SELECT count(*) FROM \(fx.table)") == "3")

        let json = try R2SBinary.run(["--json", "-c", "orphans fichas/"], environment: fx.environment)
        #expect(json.status == 6)
        // Just uploaded, fichas/unused.pdf is younger than --min-age: pending, not listed yet.
        let young = try? JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]]
        #expect(young?.map { $0["key"] as? String } == ["fichas/missing.pdf"], "\(json.out)")

        let all = try R2SBinary.run(["--json", "-c", "orphans fichas/ --min-age 0s"], environment: fx.environment)
        #expect(all.status == 6)
        // The orphans themselves (`check --list orphans`), both ways, under fichas/ only.
        let items = try #require(
            try? JSONSerialization.jsonObject(with: Data(all.out.utf8)) as? [[String: Any]], "not a JSON array: \(all.out)")
        let listed = items.map { "\($0["issue"] ?? "") \($0["key"] ?? "")" }.sorted()
        #expect(listed == ["missing-object fichas/missing.pdf", "missing-row fichas/unused.pdf"], "\(all.out)")
        #expect(items.first { $0["issue"] as? String == "missing-object" }?["record_id"] is String)

        let csv = try R2SBinary.run(["-c", "orphans fichas/ --min-age 0s --csv"], environment: fx.environment)
        #expect(csv.status == 6)
        #expect(csv.out.hasPrefix("issue,key,url,record_id,kind,reason\n"), "\(csv.out)")
        #expect(csv.out.contains("missing-row,fichas/unused.pdf,\(ShippedExamplesTests.publicURL)/fichas/unused.pdf,,add,"), "\(csv.out)")
        #expect(csv.out.split(separator: "\n").count == 3, "\(csv.out)")

        let clean = try R2SBinary.run(["-c", "orphans limpo/"], environment: fx.environment)
        #expect(clean.status == 0, "stderr: \(clean.err)")
    }

    @Test(
        "nightly-sync.r2s soft-deletes rows whose object is gone, writes the JSON report, exits 0",
        .enabled(if: R2SBinary.hasLanguage && R2SBinary.hasCommands(["sync"]), "needs the .r2s interpreter and `sync`"))
    func nightlySync() throws {
        guard let fx = try Fixture("nightly") else { return }
        try fx.put("keep/a.pdf")
        try fx.row("keep/a.pdf")
        try fx.row("gone/b.pdf")
        let report = fx.home.path + "/sync-2025-01-31.json"

        let r = try R2SBinary.run(["-c", "nightly-sync \"$1\"", report], environment: fx.environment)
        #expect(r.status == 0, "stderr: \(r.err)")
        #expect(r.out.contains("nightly-sync: done; report: \(report)"))
        #expect(try fx.deletedKeys() == ["gone/b.pdf"])
        let data = try #require(FileManager.default.contents(atPath: report), "no report; stderr: \(r.err)")
        // {"header": {time, r2s_version, target, scope, counts}, "items": [ … ]}
        let document = try #require((try JSONSerialization.jsonObject(with: data)) as? [String: Any], "not an object")
        let items = document["items"] as? [[String: Any]] ?? []
        #expect(items.contains { ($0["key"] as? String) == "gone/b.pdf" && $0["record_id"] != nil && $0["action"] != nil })
        let header = try #require(document["header"] as? [String: Any])
        let target = header["target"] as? [String: Any]
        #expect(target?["bucket"] as? String == fx.bucket, "\(header)")
        #expect(target?["table"] as? String == fx.table, "\(header)")
        #expect(target?["profile"] as? String != nil && target?["catalog"] as? String != nil, "\(header)")
        #expect(header["scope"] as? String == "whole bucket")
        #expect(header["command"] as? String == "sync")
        #expect((header["time"] as? String)?.hasSuffix("Z") == true && header["r2s_version"] is String)
        let counts = header["counts"] as? [String: Any]
        #expect(counts?["removed"] as? Int == 1 && counts?["objects"] as? Int == 1, "\(header)")
        #expect(!String(decoding: data, as: UTF8.self).contains(fx.s3.secretKey))

        // The report becomes a page with the shipped external plugin.
        let page = try R2SBinary.run(["-q", "-c", "report-html \"$1\"", report], environment: fx.environment)
        #expect(page.status == 0)
        #expect(fx.home.read("sync-2025-01-31.html")?.contains("gone/b.pdf") == true)

        // With a named filter, only its scope is synced: the row outside it stays active.
        try fx.row("keep/c.pdf")
        try fx.row("other/d.pdf")
        let add = try R2SBinary.run(["-c", "filter add onlykeep --prefix keep"], environment: fx.environment)
        #expect(add.status == 0, "stderr: \(add.err)")
        let filtered = fx.home.path + "/filtered.json"
        let f = try R2SBinary.run(["-c", "nightly-sync \"$1\" onlykeep", filtered], environment: fx.environment)
        #expect(f.status == 0, "stderr: \(f.err)")
        #expect(try fx.deletedKeys() == ["gone/b.pdf", "keep/c.pdf"])
    }

    @Test(
        "nightly-sync.r2s exits non-zero (sync's 4) when a guard refuses, and changes nothing; no REPORT is usage (2)",
        .enabled(if: R2SBinary.hasLanguage && R2SBinary.hasCommands(["sync"]), "needs the .r2s interpreter and `sync`"))
    func nightlySyncRefusal() throws {
        guard let fx = try Fixture("refuse") else { return }
        for key in ["a/1.pdf", "a/2.pdf", "a/3.pdf"] { try fx.row(key) }  // rows, but an empty bucket
        let report = fx.home.path + "/refused.json"
        let r = try R2SBinary.run(["-c", "nightly-sync \"$1\"", report], environment: fx.environment)
        #expect(r.status == 4, "stdout: \(r.out) stderr: \(r.err)")
        #expect(r.out.contains("sync exited with status 4"))
        #expect(try fx.deletedKeys() == [])

        let usage = try R2SBinary.run(["-c", "nightly-sync"], environment: fx.environment)
        #expect(usage.status == 2)
        #expect(usage.out.contains("usage: nightly-sync REPORT.json [FILTER]"))
    }
}
