import Foundation
import PluginHost
import R2SCore
import Testing

@Suite struct DiscoveryTests {
    @Test("folders: R2S_PLUGIN_PATH left to right, then config, each shipped plugin's folder, PATH; duplicates searched once")
    func folderOrder() {
        let tmp = TempDir()
        let a = tmp.dir("a"), b = tmp.dir("b"), bin = tmp.dir("bin")
        let repo = tmp.dir("repo")
        tmp.file("repo/Package.swift")
        let shipped = tmp.dir("repo/plugins")
        tmp.dir("repo/plugins/zeta")
        tmp.dir("repo/plugins/alpha")
        tmp.dir("repo/plugins/storage/Sources")  // a compiled module: never scanned
        tmp.file("repo/plugins/storage/Sources/r2s-stray", "#!/bin/sh\n", executable: true)
        tmp.file("repo/plugins/loose.r2s", "# r2s-plugin: at the root, not in a plugin folder\n")
        let exe = tmp.file("repo/.build/x86_64-unknown-linux-gnu/debug/r2s", executable: true)
        let paths = Paths(config: tmp.path + "/cfg", state: "/s", data: "/d")
        let env = ["R2S_PLUGIN_PATH": "\(a)::\(b):\(a)", "PATH": "\(bin)::\(b)"]
        let folders = PluginHost.folders(paths: paths, environment: env, executablePath: exe)
        #expect(
            folders.map(\.path) == [
                a, b, tmp.path + "/cfg/plugins", repo + "/plugins/alpha", repo + "/plugins/zeta", bin,
            ])
        #expect(folders.map(\.source) == [.pluginPath, .pluginPath, .config, .shipped, .shipped, .path])
        #expect(shipped == repo + "/plugins")
        #expect(folders.last?.allowsScripts == false)
        #expect(folders.first?.allowsScripts == true)
    }

    @Test("shipped folder: <exe dir>/../share/r2s/plugins when installed, the repo's plugins/ in the build tree")
    func shippedFolder() {
        let tmp = TempDir()
        let installedExe = tmp.file("prefix/bin/r2s", executable: true)
        let share = tmp.dir("prefix/share/r2s/plugins")
        #expect(PluginHost.shippedFolder(executablePath: installedExe) == share)

        tmp.file("repo/Package.swift")
        tmp.dir("repo/plugins")
        let built = tmp.file("repo/.build/x86_64-unknown-linux-gnu/debug/r2s", executable: true)
        #expect(PluginHost.shippedFolder(executablePath: built) == tmp.path + "/repo/plugins")
        // `.build/debug` is a symlink to the triple directory: resolved, it is the same repo.
        try? FileManager.default.createSymbolicLink(
            atPath: tmp.path + "/repo/.build/debug", withDestinationPath: "x86_64-unknown-linux-gnu/debug")
        #expect(PluginHost.shippedFolder(executablePath: tmp.path + "/repo/.build/debug/r2s") == tmp.path + "/repo/plugins")

        let lonely = tmp.file("elsewhere/bin/r2s", executable: true)
        #expect(PluginHost.shippedFolder(executablePath: lonely) == nil)
        #expect(PluginHost.shippedFolder(executablePath: nil) == nil)
    }

    @Test("scan: .r2s files and executable r2s-NAME files; PATH gives programs only; order is by name per folder")
    func scanRules() {
        let tmp = TempDir()
        let a = tmp.dir("a"), bin = tmp.dir("bin")
        tmp.file("a/zeta.r2s", "# r2s-plugin: z\n")
        tmp.file("a/alpha.r2s", "# r2s-plugin: a\n")
        tmp.file("a/r2s-tool", "#!/bin/sh\n", executable: true)
        tmp.file("a/r2s-notexec", "#!/bin/sh\n")  // not executable: ignored
        tmp.file("a/.hidden.r2s")  // hidden: ignored
        tmp.file("a/readme.txt")  // neither: ignored
        tmp.file("a/bad name.r2s")  // not a command word: ignored
        tmp.dir("a/dir.r2s")  // a directory: ignored
        tmp.file("bin/r2s-onpath", "#!/bin/sh\n", executable: true)
        tmp.file("bin/script.r2s")  // scripts are not taken from PATH
        let found = PluginHost.scan(folders: [
            PluginFolder(path: a, source: .pluginPath), PluginFolder(path: bin, source: .path),
        ])
        #expect(found.plugins.map(\.name) == ["alpha", "tool", "zeta", "onpath"])
        #expect(found.plugins.map(\.kind) == [.script, .external, .script, .external])
        #expect(found.plugins.map(\.source) == [.pluginPath, .pluginPath, .pluginPath, .path])
        #expect(found.plugins[1].path == a + "/r2s-tool")
    }

    @Test("a missing or unreadable folder contributes nothing")
    func missingFolder() {
        let found = PluginHost.scan(folders: [PluginFolder(path: "/nonexistent/plugins", source: .config)])
        #expect(found.plugins.isEmpty)
    }

    @Test("first folder wins, built-ins are never shadowed, every clash is reported")
    func shadowing() async {
        let tmp = TempDir()
        let first = tmp.dir("first"), second = tmp.dir("second"), bin = tmp.dir("bin")
        tmp.file("first/dup.r2s", "# r2s-plugin: first dup\n")
        tmp.file("second/dup.r2s", "# r2s-plugin: second dup\n")
        tmp.file("second/help.r2s", "# r2s-plugin: would shadow help\n")
        tmp.file("second/r2s-sleep", "#!/bin/sh\nexit 9\n", executable: true)
        tmp.file("bin/r2s-dup", "#!/bin/sh\nexit 9\n", executable: true)
        tmp.file("bin/r2s-plugin", "#!/bin/sh\nexit 9\n", executable: true)
        let runner = FakeRunner(status: ExitStatus(42))
        let shell = PluginShell(pluginPath: [first, second], path: [bin], runner: runner)

        // The registry: the first `dup` is the command; compiled words stay compiled.
        guard case .runtime(let dup) = shell.registry.entry("dup") else {
            Issue.record("dup is not a runtime command")
            return
        }
        #expect(dup.abstract == "first dup")
        guard case .compiled = shell.registry.entry("help"), case .compiled = shell.registry.entry("sleep"),
            case .compiled = shell.registry.entry("plugin")
        else {
            Issue.record("a plugin shadowed a built-in")
            return
        }
        let clashes = Set(shell.registry.clashes.map { "\($0.name)/\($0.shadowedBy)" })
        #expect(clashes == ["dup/earlier plugin", "help/built-in", "sleep/built-in", "plugin/built-in"])

        // Running the names: the built-in `sleep` runs (exit 0), `dup` runs the first script.
        #expect(await shell.run("sleep", "0").status == .ok)
        #expect(await shell.run("dup").status == ExitStatus(42))
        #expect(runner.calls.map(\.origin) == [first + "/dup.r2s"])

        // `plugin ls` reports every clash.
        let ls = await shell.run("plugin", "ls", "--json")
        #expect(ls.status == .ok)
        let rows = jsonRows(ls.out)
        let summary = rows.map { "\($0["name"]!)|\($0["path"]!)|\($0["clash"] as? String ?? "-")" }
        #expect(summary == [
            "dup|\(first)/dup.r2s|-",
            "dup|\(second)/dup.r2s|shadowed by \(first)/dup.r2s",
            "help|\(second)/help.r2s|built-in command wins",
            "sleep|\(second)/r2s-sleep|built-in command wins",
            "dup|\(bin)/r2s-dup|shadowed by \(first)/dup.r2s",
            "plugin|\(bin)/r2s-plugin|built-in command wins",
        ])
        #expect(rows.first?["kind"] as? String == "script")
        #expect(rows.first?["help"] as? String == "first dup")
        #expect(rows.first?["source"] as? String == "R2S_PLUGIN_PATH")
    }

    @Test("the config dir's plugins/ comes after R2S_PLUGIN_PATH")
    func configFolder() async {
        let tmp = TempDir()
        let extra = tmp.dir("extra")
        tmp.file("cfg/plugins/mine.r2s", "# r2s-plugin: from config\n")
        tmp.file("cfg/plugins/both.r2s", "# r2s-plugin: config both\n")
        tmp.file("extra/both.r2s", "# r2s-plugin: path both\n")
        let shell = PluginShell(pluginPath: [extra], config: tmp.path + "/cfg", runner: FakeRunner())
        #expect(shell.registry.entry("mine")?.abstract == "from config")
        #expect(shell.registry.entry("both")?.abstract == "path both")
        #expect(shell.loader.discovery.plugins.first { $0.name == "mine" }?.source == .config)
    }

    @Test("help lists plugins under PLUGINS; an unknown word still suggests plugin names")
    func helpListing() async {
        let tmp = TempDir()
        let dir = tmp.plugins(["orphans.r2s": "# r2s-plugin: Report orphans.\n"])
        let shell = PluginShell(pluginPath: [dir], runner: FakeRunner())
        let help = await shell.run("help")
        #expect(help.out.contains("\nPLUGINS\n  orphans"))
        #expect(help.out.contains("Report orphans."))
        let typo = await shell.run("orphan")
        #expect(typo.status == .usage)
        #expect(typo.err.contains("did you mean: orphans"))
    }

    @Test("plugin reload picks up added and removed files; plugin show explains one plugin")
    func reloadAndShow() async {
        let tmp = TempDir()
        let dir = tmp.dir("p")
        let shell = PluginShell(pluginPath: [dir], runner: FakeRunner())
        #expect(shell.registry.entry("late") == nil)
        tmp.file("p/late.r2s", "# r2s-plugin: Added later.\n# usage: late [X]\n# arg: X  a thing\n")
        let reload = await shell.run("plugin", "reload", "--json")
        #expect(reload.status == .ok)
        #expect(jsonObject(reload.out)["active"] as? Int == 1)
        #expect(shell.registry.entry("late")?.abstract == "Added later.")

        let show = await shell.run("plugin", "show", "late", "--json")
        let fields = jsonObject(show.out)
        #expect(fields["kind"] as? String == "script")
        #expect(fields["usage"] as? String == "late [X]")
        #expect(fields["arguments"] as? [String] == ["X — a thing"])
        #expect(fields["status"] as? String == "active")

        let missing = await shell.run("plugin", "show", "lat")
        #expect(missing.status == .usage)
        #expect(missing.err.contains("no plugin named 'lat'"))
        #expect(missing.err.contains("did you mean: late?"))

        try? FileManager.default.removeItem(atPath: dir + "/late.r2s")
        _ = await shell.run("plugin", "reload")
        #expect(shell.registry.entry("late") == nil)
    }

    @Test("R2S_PLUGIN_PATH in the active profile wins over the environment's")
    func profilePluginPath() {
        let tmp = TempDir()
        let fromEnv = tmp.dir("env"), fromProfile = tmp.dir("profile")
        tmp.file("env/a.r2s", "# r2s-plugin: env\n")
        tmp.file("profile/a.r2s", "# r2s-plugin: profile\n")
        let shell = PluginShell(pluginPath: [fromEnv], runner: FakeRunner())
        #expect(shell.registry.entry("a")?.abstract == "env")
        shell.loader.reload(into: shell.registry, profile: Profile(name: "p", values: ["R2S_PLUGIN_PATH": fromProfile]))
        #expect(shell.registry.entry("a")?.abstract == "profile")
    }
}
