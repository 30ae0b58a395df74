@testable import FiltersModule
import Foundation
import R2SCore
import R2STestSupport
import Services
import Scope
import ScopeCommandLine
import Testing

/// A config folder per test, so filters never leak between tests or into the user's config.
final class TempConfig {
    let root = FileManager.default.temporaryDirectory.path + "/r2s-filtercmd-" + UUID().uuidString
    var paths: Paths { Paths(config: root + "/config", state: root + "/state", data: root + "/data") }
    deinit { try? FileManager.default.removeItem(atPath: root) }

    func shell(profile: String = "prod", language: Language = .en, services: (any StorageServices)? = nil) -> TestShell {
        TestShell(
            modules: [FiltersModule(services: services)], language: language, paths: paths,
            profile: Profile(name: profile))
    }
}

@Suite struct FilterCommandsTests {
    @Test("add, ls, show, edit, rm — and the filters survive a restart")
    func lifecycle() async throws {
        let config = TempConfig()
        var shell = config.shell()
        let add = await shell.execute([
            "filter", "add", "pdfs", "--prefix", "fichas", "--type", "pdf", "--exclude", "*rascunho*",
            "--include", "**", "--min-size", "10k", "--newer-than", "7d", "--description", "PDFs das fichas",
        ])
        #expect(add.status == .ok, "\(add.err)")
        #expect(add.err.contains("saved filter 'pdfs'"))
        #expect(add.out.contains("prefix fichas/ · type application/pdf · - *rascunho* + ** · ≥ 10 KiB · newer than 7d"))

        shell = config.shell()  // a new process: nothing in memory
        let ls = await shell.execute(["filter", "ls"])
        #expect(ls.status == .ok)
        #expect(ls.out.contains("pdfs"))
        #expect(ls.out.contains("PDFs das fichas"))

        let json = await shell.execute(["filter", "show", "pdfs", "--json"])
        #expect(json.out.hasPrefix("{\"name\":\"pdfs\",\"description\":\"PDFs das fichas\",\"prefixes\":[\"fichas/\"]"))
        #expect(json.out.contains("\"globs\":[\"- *rascunho*\",\"+ **\"]"))
        #expect(json.out.contains("\"min_size\":10240"))

        let edit = await shell.execute(["filter", "edit", "pdfs", "--prefix", "laudos", "--clear", "ages"])
        #expect(edit.status == .ok, "\(edit.err)")
        let edited = try FilterStore(configDirectory: config.paths.config, profile: "prod").require("pdfs")
        #expect(edited.rules.prefixes == ["laudos"])
        #expect(edited.rules.types == ["application/pdf"], "kinds not given stay")
        #expect(edited.rules.newerThan == nil)
        #expect(edited.rules.minSize == 10240)
        #expect(edited.updatedAt >= edited.createdAt)

        let rm = await config.shell().execute(["filter", "rm", "pdfs"])
        #expect(rm.status == .ok)
        #expect(await config.shell().execute(["filter", "show", "pdfs"]).status == .failure)
        let empty = await config.shell().execute(["filter", "ls"])
        #expect(empty.out.isEmpty)
        #expect(empty.err.contains("no filters in this profile yet"))
    }

    @Test("filters are per profile")
    func perProfile() async {
        let config = TempConfig()
        _ = await config.shell(profile: "prod").execute(["filter", "add", "x", "--prefix", "a"])
        #expect(await config.shell(profile: "prod").execute(["filter", "show", "x"]).status == .ok)
        let other = await config.shell(profile: "staging").execute(["filter", "show", "x"])
        #expect(other.status == .failure)
        #expect(other.err.contains("no filter 'x' in profile 'staging'"))
    }

    @Test("bad input: usage errors with hints; duplicates and unknown names fail")
    func errors() async {
        let config = TempConfig()
        let shell = config.shell()
        let badSize = await shell.execute(["filter", "add", "x", "--min-size", "10q"])
        #expect(badSize.status == .usage)
        #expect(badSize.err.contains("error: invalid size '10q'"))
        #expect(badSize.err.contains("hint: examples: 500, 10k"))
        let badName = await shell.execute(["filter", "add", "-x-"])
        #expect(badName.status == .usage)
        let badType = await shell.execute(["filter", "add", "x", "--type", "image"])
        #expect(badType.err.contains("invalid type 'image'"))
        let badGlob = await shell.execute(["filter", "add", "x", "--include", "a[b"])
        #expect(badGlob.err.contains("invalid pattern 'a[b'"))
        let badAge = await shell.execute(["filter", "add", "x", "--older-than", "yesterday"])
        #expect(badAge.status == .usage)
        #expect(await shell.execute(["filter", "add", "x"]).status == .ok)
        let dup = await shell.execute(["filter", "add", "x"])
        #expect(dup.status == .failure)
        #expect(dup.err.contains("filter 'x' already exists"))
        let noop = await shell.execute(["filter", "edit", "x"])
        #expect(noop.status == .usage)
        #expect(await shell.execute(["filter", "rm", "nope"]).status == .failure)
        #expect(await shell.execute(["filter", "ls"]).out.contains("(everything)"))
    }

    @Test("messages in Portuguese")
    func portuguese() async {
        let config = TempConfig()
        let r = await config.shell(language: .ptBR).execute(["filter", "show", "nada"])
        #expect(r.err.contains("erro: filtro 'nada' não existe no perfil 'prod'"))
        #expect(r.err.contains("dica: veja os filtros com `filter ls`"))
    }

    @Test("include/exclude given interleaved keep their order")
    func globOrder() async throws {
        let config = TempConfig()
        let r = await config.shell().execute([
            "filter", "add", "o", "--include", "a", "--exclude", "b", "--include", "c", "--ignore-case",
        ])
        #expect(r.status == .ok)
        let f = try FilterStore(configDirectory: config.paths.config, profile: "prod").require("o")
        #expect(f.rules.globs.map(\.description) == ["+ a", "- b", "+ c"])
        #expect(f.rules.ignoreCase)
    }

    @Test("ls in CSV and JSON lists typed fields")
    func listFormats() async {
        let config = TempConfig()
        let shell = config.shell()
        _ = await shell.execute(["filter", "add", "b", "--type", "image/*"])
        _ = await shell.execute(["filter", "add", "a", "--prefix", "x", "--max-size", "1MB"])
        let csv = await shell.execute(["filter", "ls", "--csv"])
        let lines = csv.out.split(separator: "\n")
        #expect(lines.first?.hasPrefix("name,description,prefixes,types,globs") == true)
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("a,,x/,,,false,,1000000"))
        let json = await shell.execute(["filter", "ls", "--json"])
        #expect(json.out.hasPrefix("[\n{\"name\":\"a\""))
        #expect(json.out.contains("\"types\":[\"image/*\"]"))
    }

    @Test("names TAB-complete for show, rm, edit and test, and for --filter elsewhere")
    func completion() async throws {
        let config = TempConfig()
        let shell = config.shell()
        for name in ["pdfs", "photos", "big"] { _ = await shell.execute(["filter", "add", name]) }
        let context = shell.interpreter.context
        let request = CompletionRequest(previousWords: [], option: nil, prefix: "p")
        #expect(await FilterShowCommand.complete(request, in: context) == ["pdfs", "photos"])
        #expect(await FilterRemoveCommand.complete(request, in: context) == ["pdfs", "photos"])
        #expect(await FilterEditCommand.complete(request, in: context) == ["pdfs", "photos"])
        #expect(await FilterTestCommand.complete(request, in: context) == ["pdfs", "photos"])
        #expect(await FilterTestCommand.complete(.init(previousWords: ["pdfs"], option: "--on", prefix: "r"), in: context) == ["records"])
        #expect(await FilterShowCommand.complete(.init(previousWords: ["pdfs"], option: nil, prefix: ""), in: context) == [])
        #expect(ScopeOptions.complete(.init(previousWords: [], option: "--filter", prefix: "b"), in: context) == ["big"])
        #expect(ScopeOptions.complete(.init(previousWords: [], option: "--type", prefix: "b"), in: context) == [])
    }

    @Test("help shows usage and examples")
    func help() async {
        let shell = TempConfig().shell()
        let group = await shell.execute(["help", "filter"])
        #expect(group.out.contains("EXAMPLES:"))
        #expect(group.out.contains("add"))
        let add = await shell.execute(["filter", "add", "--help"])
        #expect(add.out.contains("USAGE: filter add <name>"))
        #expect(add.out.contains("--newer-than <D>"))
        #expect(add.out.contains("filter add pdfs --prefix fichas --type pdf"))
        for sub in ["ls", "show", "rm", "edit", "test"] {
            let r = await shell.execute(["filter", sub, "--help"])
            #expect(r.status == .ok)
            #expect(r.out.contains("EXAMPLES:"), "\(sub)")
        }
    }
}
