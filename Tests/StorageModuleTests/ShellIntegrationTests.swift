import BackendSupport
import ArgumentParser
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import StorageModule
import Testing

/// What the storage commands do inside the shell: help, TAB completion, folders and patterns,
/// Portuguese, and listings larger than a page.
@Suite struct ShellIntegrationTests {
    static let commands = [
        ["ls"], ["show"], ["upload"], ["download"], ["rm"], ["restore"], ["mv"], ["url"], ["find"], ["du"],
        ["records", "count"], ["records", "show"], ["records", "where"], ["doctor"],
    ]

    @Test func everyCommandHasHelpWithExamples() async throws {
        guard let f = try await StorageFixture.make(.local) else { return }
        let shell = f.shell()
        for command in Self.commands {
            let r = await shell.execute(command + ["--help"])
            #expect(r.status == .ok, "\(command)")
            #expect(r.out.contains("EXAMPLES:"), "\(command) has examples")
            #expect(r.out.contains("USAGE:"), "\(command)")
            // Every example line parses with the command's own options.
            let examples = r.out.components(separatedBy: "EXAMPLES:")[1].components(separatedBy: "\n")
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix(command[0] + " ") }
            #expect(!examples.isEmpty, "\(command)")
            for line in examples {
                let words = Self.words(String(line.split(separator: "  ", maxSplits: 1).first ?? ""))
                guard case .compiled(_, let type)? = f.shell().interpreter.context.registry.entry(words[0]) else {
                    Issue.record("no command \(words[0])")
                    continue
                }
                let args = Array(words.dropFirst()).filter { !["--json", "--csv", "-q"].contains($0) }
                #expect(throws: Never.self, "example parses: \(line)") { _ = try type.parseAsRoot(args) }
            }
        }
        let help = await shell.execute(["help"])
        #expect(help.out.contains("STORAGE"))
        #expect(help.out.contains("doctor"))
    }

    /// Shell-like word splitting for the examples (single quotes only, as they are written).
    static func words(_ line: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quoted = false
        var started = false
        for ch in line {
            if ch == "'" {
                quoted.toggle()
                started = true
            } else if ch == " " && !quoted {
                if started { out.append(current) }
                current = ""
                started = false
            } else {
                current.append(ch)
                started = true
            }
        }
        if started { out.append(current) }
        return out
    }

    @Test func tabCompletesKeysFoldersAndIDs() async throws {
        guard let f = try await StorageFixture.make(.local) else { return }
        let shell = f.shell()
        for (name, folder) in [("a.pdf", "fichas/2026"), ("b c.pdf", "fichas/2026"), ("x.jpg", "fotos")] {
            #expect(await shell.execute(["upload", try f.file(name, name), "--to", folder]).status == .ok)
        }
        let context = shell.interpreter.context
        let completer = Completer(registry: context.registry, workingDirectory: f.dir.path)
        #expect(await completer.complete("show fi", in: context, variables: []).candidates == ["fichas/"])
        let inside = await completer.complete("show fichas/2026/", in: context, variables: [])
        #expect(inside.candidates == ["fichas/2026/a.pdf", "fichas/2026/b\\ c.pdf"])
        #expect(await completer.complete("ls f", in: context, variables: []).candidates == ["fichas/", "fotos/"])
        #expect(await completer.complete("upload x --to fo", in: context, variables: []).candidates == ["fotos/"])
        #expect(await completer.complete("ls --status mi", in: context, variables: []).candidates == ["missing"])
        let id = try #require(try await f.rows().first?.id.uuidString.lowercased())
        let byID = await completer.complete("records show \(id.prefix(6))", in: context, variables: [])
        #expect(byID.candidates == [id])
        #expect(await completer.complete("rm \(id.prefix(8))", in: context, variables: []).candidates.contains(id))
        // The listing is cached per session: a key added behind r2s's back is not offered…
        #expect(await completer.complete("show fotos/", in: context, variables: []).candidates == ["fotos/x.jpg"])
        try await f.store.upload(try f.file("late.txt", "x"), to: "fotos/late.txt", contentType: "text/plain", progress: nil)
        #expect(await completer.complete("show fotos/", in: context, variables: []).candidates == ["fotos/x.jpg"])
        // …until a command that changes the bucket drops the cache.
        #expect(await shell.execute(["rm", "fotos/x.jpg"]).status == .ok)
        #expect(await completer.complete("show fotos/", in: context, variables: []).candidates == ["fotos/late.txt"])
    }

    @Test func uploadFoldersAndPatternsInParallel() async throws {
        guard let f = try await StorageFixture.make(.local) else { return }
        for i in 0..<12 { try f.file("tree/sub \(i % 3)/f\(i).txt", "\(i)") }
        try f.file("scans/a.pdf", "a")
        try f.file("scans/b.pdf", "b")
        try f.file("scans/c.txt", "c")
        let shell = f.shell()
        let noR = await shell.execute(["upload", f.files + "/tree"])
        #expect(noR.status == .usage)
        #expect(noR.err.contains("-r"))
        let tree = await shell.execute(["upload", "-r", f.files + "/tree", "--to", "media", "--jobs", "3", "--json"])
        #expect(tree.status == .ok, "\(tree.err)")
        #expect(jsonRows(tree.out).count == 12)
        #expect(tree.err.components(separatedBy: "uploaded media/tree/").count == 13)  // a plain line per file (no TTY)
        let keys = try await f.keys()
        #expect(keys.count == 12 && keys.contains("media/tree/sub 1/f4.txt"))
        let glob = await shell.execute(["upload", f.files + "/scans/*.pdf", "--to", "pdfs"])
        #expect(glob.status == .ok, "\(glob.err)")
        #expect(try await f.keys().filter { $0.hasPrefix("pdfs/") }.sorted() == ["pdfs/a.pdf", "pdfs/b.pdf"])
        #expect(await shell.execute(["upload", f.files + "/scans/*.doc"]).err.contains("no file matches"))
        let quiet = await shell.execute(["upload", f.files + "/scans/c.txt", "-q"])
        #expect(quiet.err.isEmpty)
        let named = await shell.execute(["upload", f.files + "/scans/*.pdf", "--name", "x", "--overwrite"])
        #expect(named.status == .usage)
        #expect(try await f.rows().count == 15)
    }

    @Test func portugueseMessages() async throws {
        guard let f = try await StorageFixture.make(.local) else { return }
        let shell = f.shell(language: .ptBR)
        let path = try f.file("a.txt", "a")
        #expect(await shell.execute(["upload", path]).status == .ok)
        let again = await shell.execute(["upload", path])
        #expect(again.err.contains("erro: '\(path)': 'a.txt' já existe"))
        #expect(again.err.contains("dica: use --overwrite"))
        let rm = await shell.execute(["rm", "a.txt", "b.txt"])
        #expect(rm.err.contains("recusando excluir 2 itens sem confirmação"))
        let doctor = await shell.execute(["doctor"])
        #expect(doctor.out.contains("linhas na amostra"))
    }

    /// More keys than one listing page and one lookup chunk: every object and row is joined once.
    @Test(arguments: [Backend.local, Backend.postgres])
    func listingLargerThanAPage(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let n = 2_345
        let source = try f.file("seed.txt", "s")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for chunk in stride(from: 0, to: n, by: 100) {
                group.addTask {
                    for i in chunk..<min(chunk + 100, n) {
                        try await f.store.upload(source, to: "big/k\(i) é.txt", contentType: "text/plain", progress: nil)
                    }
                }
            }
            try await group.waitForAll()
        }
        // Every other key gets a row; 40 rows have no object.
        var rows = stride(from: 0, to: n, by: 2).map {
            NewRecord(nome: "k\($0)", url: f.mapping.url(for: "big/k\($0) é.txt"), size: 1)
        }
        rows += (0..<40).map { NewRecord(nome: "ghost\($0)", url: f.mapping.url(for: "big/ghost \($0).txt")) }
        _ = try await f.catalog.insert(rows)
        let r = await f.shell().execute(["ls", "big", "--json"])
        #expect(r.status == .ok, "\(r.err)")
        let entries = jsonRows(r.out)
        let counts = Dictionary(grouping: entries) { $0["status"] as? String ?? "?" }.mapValues(\.count)
        #expect(counts == ["ok": (n + 1) / 2, "no record": n / 2, "object missing": 40])
        #expect(Set(entries.compactMap { $0["key"] as? String }).count == n + 40)
        let csv = await f.shell().execute(["ls", "big", "--csv", "--limit", "10"])
        #expect(csv.out.split(separator: "\n").count == 11)
        #expect(csv.out.hasPrefix("nome,key,content_type,size,created_at,modified,referencia,status,id\n"))
    }
}
