import ArgumentParser
import Foundation
import ObjectStore
import Scope
import ScopeCommandLine
import Testing

@Suite struct FilterStoreTests {
    final class ConfigDir {
        let path = FileManager.default.temporaryDirectory.path + "/r2s-filters-" + UUID().uuidString
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test("filters survive a restart (a new store instance reads what the old one wrote)")
    func persistence() throws {
        let dir = ConfigDir()
        let rules = try FilterRules(
            prefixes: ["fichas"], types: ["pdf"], globs: [GlobRule(.exclude, "*rascunho*"), GlobRule(.include, "**")],
            ignoreCase: true, minSize: try ByteSize.parse("10k"), newerThan: try TimeBound(parsing: "7d")
        ).validated()
        let created = Date(timeIntervalSince1970: 1_800_000_000)
        do {
            let store = FilterStore(configDirectory: dir.path, profile: "prod")
            try store.add(NamedFilter(name: "pdfs", description: "PDFs das fichas", rules: rules, createdAt: created))
            try store.add(NamedFilter(name: "all", rules: FilterRules(), createdAt: created))
        }
        let reopened = FilterStore(configDirectory: dir.path, profile: "prod")
        #expect(reopened.path == dir.path + "/filters/prod.json")
        #expect(reopened.names() == ["all", "pdfs"])
        let pdfs = try reopened.require("pdfs")
        #expect(pdfs.rules == rules)
        #expect(pdfs.description == "PDFs das fichas")
        #expect(pdfs.createdAt == created)
        #expect(pdfs.rules.types == ["application/pdf"])
        // Per profile: another profile sees none of them.
        #expect(FilterStore(configDirectory: dir.path, profile: "local").names() == [])
        // Private: 0600 file in a 0700 folder.
        let fileMode = try FileManager.default.attributesOfItem(atPath: reopened.path)[.posixPermissions] as? Int
        let dirMode = try FileManager.default.attributesOfItem(atPath: dir.path + "/filters")[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(dirMode == 0o700)
        // The file is readable JSON with rclone-style rules.
        let text = try String(contentsOfFile: reopened.path, encoding: .utf8)
        #expect(text.contains("\"- *rascunho*\""))
        #expect(text.contains("\"newer_than\" : \"7d\""))
        #expect(text.contains("\"min_size\" : 10240"))
    }

    @Test("add refuses duplicates and bad names; replace and remove need the name")
    func lifecycle() throws {
        let dir = ConfigDir()
        let store = FilterStore(configDirectory: dir.path, profile: "p")
        try store.add(NamedFilter(name: "x", rules: FilterRules(prefixes: ["a"])))
        #expect(throws: ScopeError(.exists(name: "x"))) { try store.add(NamedFilter(name: "x", rules: FilterRules())) }
        for bad in ["", "-x", "a b", "ç", String(repeating: "n", count: 65), "a/b", "$x"] {
            #expect(throws: ScopeError(.invalidName(bad))) { try store.add(NamedFilter(name: bad, rules: FilterRules())) }
        }
        var x = try store.require("x")
        x.rules.prefixes = ["b"]
        try store.replace(x)
        #expect(try FilterStore(configDirectory: dir.path, profile: "p").require("x").rules.prefixes == ["b"])
        #expect(throws: ScopeError(.notFound(name: "y", profile: "p"))) { try store.replace(NamedFilter(name: "y", rules: FilterRules())) }
        #expect(try store.remove(named: "x"))
        #expect(try !store.remove(named: "x"))
        #expect(store.names().isEmpty)
    }

    @Test("a corrupt file is an error, not an empty list")
    func corrupt() throws {
        let dir = ConfigDir()
        let store = FilterStore(configDirectory: dir.path, profile: "p")
        try FileManager.default.createDirectory(atPath: dir.path + "/filters", withIntermediateDirectories: true)
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: store.path))
        #expect(throws: ScopeError.self) { try store.load() }
        #expect(throws: ScopeError.self) { try store.add(NamedFilter(name: "x", rules: FilterRules())) }
        #expect(try String(contentsOfFile: store.path, encoding: .utf8) == "{ not json", "never overwritten")
    }

    @Test("odd profile names stay one file name")
    func profileNames() {
        #expect(FilterStore(configDirectory: "/c", profile: "prod-eu").path == "/c/filters/prod-eu.json")
        #expect(FilterStore(configDirectory: "/c", profile: "../x").path == "/c/filters/%2E.%2Fx.json")
    }
}

@Suite struct ScopeOptionsTests {
    @Test("--include/--exclude keep their command-line order across both flags")
    func ruleOrder() throws {
        let options = try ScopeOptions.parse([
            "--exclude", "a", "--type", "pdf", "--include", "b", "--exclude=c", "--include", "d",
        ])
        #expect(options.rules.globs.map(\.description) == ["- a", "+ b", "- c", "+ d"])
    }

    @Test("a named filter narrowed by inline flags and the command's prefix")
    func resolve() throws {
        let dir = FilterStoreTests.ConfigDir()
        let store = FilterStore(configDirectory: dir.path, profile: "p")
        try store.add(NamedFilter(name: "docs", rules: FilterRules(prefixes: ["fichas", "fotos"], types: ["pdf"])))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let options = try ScopeOptions.parse(["--filter", "docs", "--min-size", "1k", "--newer-than", "7d"])
        let scope = try options.resolve(prefixes: ["fichas/2024"], store: store, referenceDate: now)
        #expect(scope.filterNames == ["docs"])
        #expect(scope.listPrefixes == ["fichas/2024/"])
        let recent = now.addingTimeInterval(-60)
        #expect(scope.matches(object: .init(key: "fichas/2024/a.pdf", size: 2048, lastModified: recent)))
        #expect(!scope.matches(object: .init(key: "fichas/2024/a.pdf", size: 10, lastModified: recent)))
        #expect(!scope.matches(object: .init(key: "fotos/a.pdf", size: 2048, lastModified: recent)))
        // A `--filter` naming no saved filter is a usage error (exit 2), unlike `filter show nope`.
        #expect(throws: ScopeError(.unknownFilter(name: "nope", profile: "p"))) {
            try ScopeOptions.parse(["--filter", "nope"]).resolve(store: store)
        }
        #expect(throws: ScopeError(.invalidSize("10q"))) { try ScopeOptions.parse(["--min-size", "10q"]).resolve(store: store) }
        #expect(try ScopeOptions.parse([]).resolve(store: store).isUnrestricted)
    }
}
