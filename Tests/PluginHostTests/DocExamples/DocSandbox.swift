import Foundation

/// The temp folder the documentation's examples run in: the embedded `local` profile (a folder
/// as the bucket, SQLite as the catalog) under a private HOME, seeded with what the examples name
/// (files to upload, objects with rows, a row with the docs' example id, the filter `pdfs`,
/// helper scripts), and a working folder with local sample files.
///
/// Each example runs in a fresh copy (`copy()`), so `rm` in one never breaks `show` in another.
/// **To support a new example**, add the file or object it needs to `workFiles` or `seedScript`.
final class DocSandbox: @unchecked Sendable {
    /// The id the docs and help texts use for "a row id"; the seed gives it to fichas/a.pdf.
    static let exampleID = "3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f"

    /// Local files in the working folder (relative path → contents).
    static let workFiles: [String: String] = [
        "relatorio.pdf": "%PDF-1.4 relatorio\n",
        "foto 1.jpg": "jpeg foto 1\n",
        "capa.png": "png capa\n",
        "x.pdf": "%PDF-1.4 x\n",
        "scans/a.pdf": "%PDF-1.4 scan a\n",
        "scans/b.pdf": "%PDF-1.4 scan b\n",
        "fotos/praia.jpg": "jpeg praia\n",
        "fotos/2025/serra.jpg": "jpeg serra\n",
        // The cron examples' helpers (docs/language.md, docs/exit-codes.md).
        "lib/settings.r2s": "# the job's settings: the sandbox runs on the local profile\nset R2S_ACTOR 7d9f0c2e-1b3a-4c5d-8e6f-708192a3b4c5\n",
        "lib/common.r2s": "set COMMON loaded\n",
        "lib/prune.r2s": "echo \"pruning $1 older than $2 days\"\n",
        "home/r2s/defaults.r2s": "set DEFAULTS loaded\n",
        "nightly.r2s": "check fichas/\n",
        // Profiles the `profile` examples name (never contacted by them).
        "home/config/r2s/config": """
            [profile staging]
            R2_ENDPOINT = http://127.0.0.1:9
            R2_BUCKET = media-staging

            [profile prod]
            R2_ENDPOINT = http://127.0.0.1:9
            R2_BUCKET = media
            """,
    ]

    /// A second real row id (fichas/b.pdf), for examples that name two rows.
    static let secondID = "7c1d2e3f-0a1b-4c2d-8e3f-4a5b6c7d8e9f"

    /// Run once with the built r2s in the working folder: objects with rows, the `pdfs` filter.
    static let seedScript = """
        upload relatorio.pdf 'foto 1.jpg' --to fichas
        upload x.pdf --to fichas --name a.pdf
        mv fichas/x.pdf fichas/a.pdf
        upload scans/b.pdf --to fichas
        upload -r fotos --to media
        upload capa.png --to site
        filter add imagens --type 'image/*'
        filter add pdfs --prefix fichas --type pdf --description 'PDFs das fichas'
        """

    let root: TempDir
    var home: String { root.path + "/home" }
    var work: String { root.path + "/work" }
    let binDirectory: String

    /// Builds and seeds the sandbox; throws when a seed command fails (a broken command, not a doc).
    init(r2s: String) throws {
        root = TempDir("docs")
        binDirectory = (r2s as NSString).deletingLastPathComponent
        root.dir("home")
        root.dir("work")
        for (path, text) in Self.workFiles {
            if path.hasPrefix("home/") { root.file(path, text) } else { root.file("work/" + path, text) }
        }
        let seed = try run(["-q", "-c", Self.seedScript], in: work)
        guard seed.status == 0 else { throw SeedFailed(detail: seed.err) }
        // The docs' example id names a real row (one row of the seed).
        let sqlite = home + "/data/r2s/local/catalog.sqlite"
        try Self.shell("/usr/bin/sqlite3", [sqlite, "UPDATE storage SET id = '\(Self.exampleID)' WHERE url LIKE '%/fichas/a.pdf'"])
        try Self.shell("/usr/bin/sqlite3", [sqlite, "UPDATE storage SET id = '\(Self.secondID)' WHERE url LIKE '%/fichas/b.pdf'"])
        // Downloaded by the examples: not in the working folder already.
        try FileManager.default.removeItem(atPath: work + "/foto 1.jpg")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: home + "/config/r2s/config")
    }

    /// Runs a shell command line here (an example's prelude); throws when it fails.
    func prepare(_ line: String) throws {
        let r = try R2SBinary.runProgram("/bin/sh", ["-ec", line], environment: environment, currentDirectory: work)
        guard r.status == 0 else { throw SeedFailed(detail: "prelude '\(line)': \(r.err)") }
    }

    private init(root: TempDir, binDirectory: String) {
        self.root = root
        self.binDirectory = binDirectory
    }

    /// A fresh copy of the seeded sandbox for one example.
    func copy() throws -> DocSandbox {
        let fresh = TempDir("doc")
        try FileManager.default.removeItem(atPath: fresh.path)
        try Self.shell("/bin/cp", ["-a", root.path, fresh.path])
        return DocSandbox(root: fresh, binDirectory: binDirectory)
    }

    /// The environment every example sees: nothing from the developer's machine, r2s on PATH.
    var environment: [String: String] {
        R2SBinary.environment(home: home, extra: ["PATH": "\(binDirectory):/usr/local/bin:/usr/bin:/bin", "R2S_NO_BANNER": "1"])
    }

    /// Runs r2s with `arguments` in `directory`.
    func run(_ arguments: [String], in directory: String) throws -> R2SBinary.Result {
        try R2SBinary.runProgram(R2SBinary.path ?? "r2s", arguments, environment: environment, currentDirectory: directory)
    }

    /// Runs one example here and returns its result.
    func run(_ example: DocExample) throws -> R2SBinary.Result {
        switch example.kind {
        case .helpLine where example.text.hasPrefix("r2s "):
            // A help text's shell command line (a plugin's "from cron" example).
            return try R2SBinary.runProgram("/bin/sh", ["-ec", example.text], environment: environment, currentDirectory: work)
        case .helpLine:
            return try run(["-c", example.text], in: work)
        case .script:
            let file = root.file("work/doc-example.r2s", example.text)
            return try run(["-f", file] + example.arguments, in: work)
        case .shell:
            let file = root.file("work/doc-example.sh", example.text)
            return try R2SBinary.runProgram("/bin/sh", ["-e", file], environment: environment, currentDirectory: work)
        }
    }

    struct SeedFailed: Error, CustomStringConvertible {
        var detail: String
        var description: String { "seeding the doc sandbox failed: \(detail)" }
    }

    @discardableResult
    static func shell(_ executable: String, _ args: [String]) throws -> String {
        let r = try R2SBinary.runProgram(executable, args, environment: ["PATH": "/usr/bin:/bin"], currentDirectory: nil)
        guard r.status == 0 else { throw SeedFailed(detail: "\(executable): \(r.err)") }
        return r.out
    }
}
