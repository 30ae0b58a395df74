import Foundation
import Testing

/// Issue 11 §3 through the real executable: a named profile never mixes in the current folder's
/// `.env`, and every script that touches data names its target on stderr first (bucket and
/// catalog, never a secret), in `--json` summaries too, and says when it fell back to `local`.
@Suite(.enabled(if: R2SBinary.path != nil, "the r2s executable is built with the tests")) struct TargetLineTests {
    @Test("nothing configured: the script's first stderr line names the local fallback and its path")
    func localFallback() throws {
        let tmp = TempDir("tgt")
        let env = R2SBinary.environment(home: tmp.path)
        let r = try R2SBinary.run(["-c", "ls"], environment: env, currentDirectory: tmp.path)
        #expect(r.status == 0, "\(r.err)")
        let first = r.err.split(separator: "\n").first.map(String.init) ?? ""
        let data = tmp.path + "/data/r2s/local"
        #expect(first == "profile local (no configuration found: using \(data)) → folder \(data)/bucket, "
            + "catalog sqlite \(data)/catalog.sqlite table storage")
        let quiet = try R2SBinary.run(["-q", "-c", "ls"], environment: env, currentDirectory: tmp.path)
        #expect(quiet.status == 0)
        #expect(!quiet.err.contains("profile local"))
        // Commands that touch no data print no target line.
        #expect(!(try R2SBinary.run(["-c", "echo hi"], environment: env, currentDirectory: tmp.path)).err.contains("profile"))
    }

    @Test("--json summaries carry the same target object")
    func jsonTarget() throws {
        let tmp = TempDir("tgt")
        let r = try R2SBinary.run(["--json", "-c", "records count"], environment: R2SBinary.environment(home: tmp.path),
                                  currentDirectory: tmp.path)
        #expect(r.status == 0, "\(r.err)")
        let object = (try? JSONSerialization.jsonObject(with: Data(r.out.utf8))) as? [String: Any]
        let target = object?["target"] as? [String: Any]
        #expect(target?["profile"] as? String == "local")
        #expect((target?["catalog"] as? [String: Any])?["kind"] as? String == "sqlite")
        #expect((target?["catalog"] as? [String: Any])?["table"] as? String == "storage")
        #expect((target?["bucket"] as? [String: Any])?["kind"] as? String == "folder")
    }

    @Test("--profile wins over the folder's .env: nothing of it is used, said once; env variables are each warned about")
    func namedProfileIgnoresDotEnv() throws {
        let tmp = TempDir("tgt")
        let work = tmp.dir("webapp")
        tmp.file("home/config/r2s/config", """
            [profile prod-big]
            R2S_LOCAL_DIR = \(tmp.path)/prod
            R2S_CATALOG = sqlite
            """)
        chmod(tmp.path + "/home/config/r2s/config", 0o600)
        tmp.file("webapp/.env", "R2_BUCKET=app-bucket\nR2S_CATALOG=postgres\nDATABASE_URL=postgres://app:dotenvpw@db.example.com/app\n")
        let env = R2SBinary.environment(home: tmp.path + "/home", extra: ["R2S_TABLE": "storage"])
        let r = try R2SBinary.run(["--profile", "prod-big", "-c", "ls"], environment: env, currentDirectory: work)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.components(separatedBy: ".env ignored").count == 2)
        #expect(r.err.contains("R2S_TABLE from the environment is added to profile 'prod-big'"))
        #expect(r.err.contains("profile prod-big → folder \(tmp.path)/prod/bucket, catalog sqlite \(tmp.path)/prod/catalog.sqlite table storage"))
        #expect(!r.err.contains("db.example.com") && !r.err.contains("app-bucket"))
    }

    @Test("a Postgres target names host/db and table, never the password, before the first action")
    func postgresTargetHidesPassword() throws {
        let tmp = TempDir("tgt")
        let env = R2SBinary.environment(home: tmp.path, extra: [
            "DATABASE_URL": "postgres://app:s3cr3t-pw@db.invalid:5432/files?sslmode=require", "R2S_TABLE": "files",
        ])
        let r = try R2SBinary.run(["-c", "records count"], environment: env, currentDirectory: tmp.path)
        let first = r.err.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("profile env → folder "))
        #expect(first.hasSuffix("catalog postgres db.invalid:5432/files table files"))
        #expect(!r.err.contains("s3cr3t-pw"))
        #expect(r.status != 0)  // db.invalid cannot be reached: the line came first anyway
    }
}
