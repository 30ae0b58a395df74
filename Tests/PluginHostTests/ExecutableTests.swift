import Foundation
import Testing

/// The plugin wiring of the real `r2s` executable: discovery at start-up (including the shipped
/// examples beside the build tree), Ctrl-C survival, and plugins inside real `.r2s` scripts.
@Suite(.enabled(if: R2SBinary.path != nil, "the r2s executable is built with the tests")) struct ExecutableTests {
    @Test("start-up discovers R2S_PLUGIN_PATH, the config dir and the shipped examples")
    func startupDiscovery() throws {
        let tmp = TempDir()
        let dir = tmp.dir("extra")
        tmp.file("extra/mine.r2s", "# r2s-plugin: Mine.\n")
        tmp.file("home/config/r2s/plugins/r2s-cfgtool", "#!/bin/sh\n# r2s-plugin: From config.\nexit 0\n", executable: true)
        let env = R2SBinary.environment(home: tmp.path + "/home", extra: ["R2S_PLUGIN_PATH": dir])
        let r = try R2SBinary.run(["-c", "plugin ls --json"], environment: env)
        #expect(r.status == 0)
        let rows = jsonRows(r.out)
        let bySource = Dictionary(grouping: rows, by: { $0["source"] as? String ?? "" })
            .mapValues { $0.compactMap { $0["name"] as? String }.sorted() }
        #expect(bySource["R2S_PLUGIN_PATH"] == ["mine"])
        #expect(bySource["config"] == ["cfgtool"])
        #expect(bySource["shipped"] == ["nightly-sync", "orphans", "report-html"])
        let help = try R2SBinary.run(["-c", "help"], environment: env)
        #expect(help.out.contains("  cfgtool"))
        #expect(help.out.contains("From config."))
    }

    @Test("SIGINT sent to r2s alone while a plugin runs never kills r2s")
    func survivesInterrupt() throws {
        let tmp = TempDir()
        let dir = tmp.interruptiblePlugin("hitparent", "kill -INT $PPID\ni=0; while [ $i -lt 20 ]; do sleep 0.05; i=$((i+1)); done\nexit 0\n")
        let env = R2SBinary.environment(home: tmp.path, extra: ["R2S_PLUGIN_PATH": dir])
        let r = try R2SBinary.run(["-c", "hitparent"], environment: env)
        #expect(!r.signaled)
        // Two correct outcomes, depending on whether the executable installed the Interrupts
        // monitor: without it SIGINT is ignored while the child runs (the plugin finishes, 0);
        // with it the command is cancelled and SIGINT forwarded to the plugin (its trap runs,
        // r2s reports 130 "interrupted").
        let got = tmp.read("got")
        #expect((r.status == 0 && got == nil) || (r.status == 130 && got == "got\n"), "status \(r.status), got \(got ?? "nil")")
    }

    @Test("Ctrl-C to the whole process group (as a terminal sends it) reaches the plugin; r2s lives on")
    func groupInterrupt() throws {
        let tmp = TempDir()
        let dir = tmp.interruptiblePlugin("ctrlc", "kill -INT 0\nsleep 2\nexit 0\n")
        let env = R2SBinary.environment(home: tmp.path, extra: ["R2S_PLUGIN_PATH": dir])
        let r = try R2SBinary.run(["-c", "ctrlc"], environment: env, newSession: true)
        #expect(tmp.read("got") == "got\n")
        #expect(r.status == 7)
    }

    // MARK: Plugins inside real scripts (need the full `.r2s` interpreter)

    @Test(
        "external: status into $?; a failing plugin stops a script",
        .enabled(if: R2SBinary.hasLanguage, "needs the .r2s interpreter (echo, $?, stop-on-error)"))
    func externalInScripts() throws {
        let tmp = TempDir()
        let dir = tmp.plugins(["r2s-code": "#!/bin/sh\nexit \"$1\"\n"])
        let env = R2SBinary.environment(home: tmp.path, extra: ["R2S_PLUGIN_PATH": dir])
        let cont = try R2SBinary.run(["-c", "on-error continue; code 3; echo \"status=$?\""], environment: env)
        #expect(cont.out == "status=3\n")
        let stop = try R2SBinary.run(["-c", "code 4; echo after"], environment: env)
        #expect(stop.status == 4)
        #expect(!stop.out.contains("after"))
    }

    @Test(
        "the shipped nightly-sync.r2s parses and refuses to run without a report path (exit 2)",
        .enabled(if: R2SBinary.hasLanguage, "needs the .r2s interpreter"))
    func shippedScriptsParse() throws {
        let tmp = TempDir()
        let r = try R2SBinary.run(["-c", "nightly-sync"], environment: R2SBinary.environment(home: tmp.path))
        #expect(r.status == 2)
        #expect(r.out == "usage: nightly-sync REPORT.json [FILTER]\n")
        let help = try R2SBinary.run(["-c", "orphans --help"], environment: R2SBinary.environment(home: tmp.path))
        #expect(help.out.hasPrefix("orphans — Report objects without rows and rows without objects under a prefix"))
    }

    @Test(
        "script: $1…/$# arguments, own variable scope, exit N ends only the plugin, stop-on-error",
        .enabled(if: R2SBinary.hasLanguage, "needs the .r2s interpreter (echo, set, $?, stop-on-error)"))
    func scriptInScripts() throws {
        let tmp = TempDir()
        let dir = tmp.plugins([
            "args.r2s": "# r2s-plugin: a\necho \"n=$# 1=$1 2=$2\"\n",
            "scope.r2s": "# r2s-plugin: s\nset X inner\necho \"in=$X arg=$1\"\n",
            "leave.r2s": "# r2s-plugin: l\nexit 5\necho never\n",
            "fails.r2s": "# r2s-plugin: f\nfalse\necho never\n",
        ])
        let env = R2SBinary.environment(home: tmp.path, extra: ["R2S_PLUGIN_PATH": dir])

        let args = try R2SBinary.run(["-c", "args \"a b\" c"], environment: env)
        #expect(args.out == "n=2 1=a b 2=c\n")
        let scope = try R2SBinary.run(["-c", "set X outer; scope; echo \"out=$X 1=$1\""], environment: env)
        #expect(scope.out == "in=inner arg=\nout=outer 1=\n")
        let leave = try R2SBinary.run(["-c", "on-error continue; leave; echo \"after=$?\""], environment: env)
        #expect(leave.out == "after=5\n")
        let fails = try R2SBinary.run(["-c", "fails; echo after"], environment: env)
        #expect(fails.status == 1)
        #expect(fails.out == "")
    }
}
