import Foundation
import Testing

/// Plugins others could have written are not run with the session's connections (issue 12.5),
/// and plugin self-recursion fails like `source` self-recursion (issue 12.14). Run on the real
/// executable: the checks are on real files, owners and modes.
@Suite(.enabled(if: R2SBinary.path != nil, "the r2s executable is built with the tests")) struct PluginSafetyTests {
    private func chmod(_ path: String, _ mode: Int) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    private func env(_ tmp: TempDir, _ dir: String, trusted: String? = nil) -> [String: String] {
        var extra = ["R2S_PLUGIN_PATH": dir]
        extra["R2S_TRUSTED_PLUGINS"] = trusted
        return R2SBinary.environment(home: tmp.path, extra: extra)
    }

    @Test("a world-writable .r2s plugin is refused (status 4) with a hint; fixed, it runs")
    func worldWritableScript() throws {
        let tmp = TempDir()
        let dir = tmp.dir("p")
        let path = tmp.file("p/hello.r2s", "# r2s-plugin: h\necho hello\n")
        try chmod(path, 0o666)
        let refused = try R2SBinary.run(["-c", "hello"], environment: env(tmp, dir))
        #expect(refused.status == 4, "\(refused.err)")
        #expect(refused.out == "")
        #expect(refused.err.contains("world-writable"), "\(refused.err)")
        #expect(refused.err.contains("hint: chmod go-w"), "\(refused.err)")
        let show = try R2SBinary.run(["-c", "plugin show hello --json"], environment: env(tmp, dir))
        #expect((jsonObject(show.out)["permissions"] as? String)?.contains("world-writable") == true, "\(show.out)")
        try chmod(path, 0o644)
        let ok = try R2SBinary.run(["-c", "hello"], environment: env(tmp, dir))
        #expect(ok.status == 0)
        #expect(ok.out == "hello\n")
        let fixed = try R2SBinary.run(["-c", "plugin show hello --json"], environment: env(tmp, dir))
        #expect(jsonObject(fixed.out)["permissions"] as? String == "ok", "\(fixed.out)")
    }

    @Test("a .r2s plugin in a world-writable folder is refused")
    func worldWritableFolder() throws {
        let tmp = TempDir()
        let dir = tmp.plugins(["hello.r2s": "echo hello\n"])
        try chmod(dir, 0o777)
        let r = try R2SBinary.run(["-c", "hello"], environment: env(tmp, dir))
        #expect(r.status == 4, "\(r.err)")
        #expect(r.err.contains(dir), "\(r.err)")
    }

    @Test("a plugin owned by another non-root user is refused when it is a script or trusted")
    func otherOwner() throws {
        guard getuid() == 0 else { return }  // only root can give a file away
        let tmp = TempDir()
        let dir = tmp.dir("p")
        let script = tmp.file("p/hello.r2s", "echo hello\n")
        let external = tmp.file("p/r2s-ext", "#!/bin/sh\necho ext\n", executable: true)
        #expect(Glibc.chown(script, 4242, 4242) == 0)
        #expect(Glibc.chown(external, 4242, 4242) == 0)
        let r = try R2SBinary.run(["-c", "hello"], environment: env(tmp, dir))
        #expect(r.status == 4, "\(r.err)")
        #expect(r.err.contains("owned by uid 4242"), "\(r.err)")
        let trusted = try R2SBinary.run(["-c", "ext"], environment: env(tmp, dir, trusted: "ext"))
        #expect(trusted.status == 4, "\(trusted.err)")
        #expect(trusted.out == "")
        // Untrusted, it gets no secret anyway: it runs, with a warning.
        let untrusted = try R2SBinary.run(["-c", "ext"], environment: env(tmp, dir))
        #expect(untrusted.status == 0, "\(untrusted.err)")
        #expect(untrusted.out == "ext\n")
        #expect(untrusted.err.contains("warning:"), "\(untrusted.err)")
    }

    @Test("a world-writable external plugin: refused when trusted, warned about otherwise")
    func worldWritableExternal() throws {
        let tmp = TempDir()
        let dir = tmp.dir("p")
        let path = tmp.file("p/r2s-ext", "#!/bin/sh\necho ext\n", executable: true)
        try chmod(path, 0o777)
        let trusted = try R2SBinary.run(["-c", "ext"], environment: env(tmp, dir, trusted: "ext"))
        #expect(trusted.status == 4, "\(trusted.err)")
        #expect(trusted.out == "")
        // Nor is it run for its --help.
        let help = try R2SBinary.run(["-c", "ext --help"], environment: env(tmp, dir, trusted: "ext"))
        #expect(!help.out.contains("ext\n"), "\(help.out)")
        #expect(help.err.contains("world-writable"), "\(help.err)")
        let untrusted = try R2SBinary.run(["-c", "ext"], environment: env(tmp, dir))
        #expect(untrusted.status == 0)
        #expect(untrusted.out == "ext\n")
        #expect(untrusted.err.contains("warning:") && untrusted.err.contains("world-writable"), "\(untrusted.err)")
    }

    @Test("plugin self-recursion exits 2, as source self-recursion does")
    func recursionStatus() throws {
        let tmp = TempDir()
        let dir = tmp.plugins([
            "again.r2s": "again\n",
            "loop.r2s": "source '\(tmp.path)/p/loop.r2s'\n",
        ])
        let plugin = try R2SBinary.run(["-c", "again"], environment: env(tmp, dir))
        #expect(plugin.status == 2, "\(plugin.err)")
        #expect(plugin.err.contains("nested more than 32"), "\(plugin.err)")
        let sourced = try R2SBinary.run(["-c", "source '\(tmp.path)/p/loop.r2s'"], environment: env(tmp, dir))
        #expect(sourced.status == 2, "\(sourced.err)")
    }
}
