import Foundation
import Testing

/// `r2s --version` and `r2s completion`: the scripts are loaded in the real bash, zsh and fish
/// (scripts/install-deps.sh --test installs them; a missing shell fails, it does not skip) and
/// asked for a completion, which they get from the built r2s (`completion --line`).
@Suite struct CompletionScriptTests {
    /// A private home: the embedded `local` profile plus a config profile `staging`, and a
    /// named filter `pdfs` in `local`.
    final class Home {
        let path: String
        let environment: [String: String]

        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-completion-\(UUID().uuidString)").path
            let config = path + "/config/r2s"
            try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
            try "[profile staging]\nR2_BUCKET = media-staging\n".write(toFile: config + "/config", atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config + "/config")
            environment = [
                "HOME": path, "XDG_CONFIG_HOME": path + "/config", "XDG_DATA_HOME": path + "/data",
                "XDG_STATE_HOME": path + "/state", "R2S_PROFILE": "", "R2S_PLUGIN_PATH": "",
            ]
            let added = try R2SBinary.run(["-q", "-c", "filter add pdfs --type pdf"], environment: environment)
            #expect(added.status == 0, "filter add: \(added.err)")
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        /// Runs `script` in `shell` (bash, zsh, fish) with the built r2s first on PATH.
        func shell(_ shell: String, _ script: String) throws -> R2SBinary.Result {
            let exe = try #require(
                ["/usr/bin/\(shell)", "/bin/\(shell)"].first { FileManager.default.isExecutableFile(atPath: $0) },
                "\(shell) is not installed: scripts/install-deps.sh --test installs it")
            return try R2SBinary.run(["-c", script], executable: exe, environment: environment)
        }

        func candidates(_ line: String) throws -> [String] {
            let r = try R2SBinary.run(["-q", "-c", "completion --line \"$1\"", line], environment: environment)
            #expect(r.status == 0, "\(r.err)")
            return r.out.split(separator: "\n").map(String.init)
        }
    }

    @Test func versionNamesTheCommit() throws {
        let r = try R2SBinary.run(["--version"])
        #expect(r.status == 0)
        // A plain build is unstamped; scripts/package.sh stamps the 12-digit commit (-dirty if changed).
        #expect(r.out.wholeMatch(of: /r2s \d+\.\d+\.\d+ \(commit (unknown|[0-9a-f]{12}(-dirty)?)\)\n/) != nil, "\(r.out)")
    }

    @Test func lineCandidatesCoverOptionsCommandsProfilesAndFilters() throws {
        let home = try Home()
        #expect(try home.candidates("r2s --js") == ["--json"])
        #expect(try home.candidates("r2s --profile st") == ["staging"])
        #expect(try home.candidates("r2s --profile=st") == ["--profile=staging"])
        #expect(try home.candidates("r2s -q fil") == ["filter"])
        #expect(try home.candidates("r2s filter ") .contains("add"))
        #expect(try home.candidates("r2s ls --fil") == ["--filter"])
        #expect(try home.candidates("r2s --profile local ls --filter p") == ["pdfs"])
        // After -c the text is a script, after -f a file: nothing (the shells then offer files).
        #expect(try home.candidates("r2s -c 'l") == [])
        #expect(try home.candidates("r2s -f ") == [])
    }

    @Test func unknownShellIsAUsageError() throws {
        let r = try R2SBinary.run(["-c", "completion tcsh"])
        #expect(r.status == 2)
        #expect(r.err.contains("bash, zsh or fish"))
    }

    @Test func bashCompletesProfileAndFilterNames() throws {
        let home = try Home()
        let r = try home.shell("bash", #"""
            source <(r2s -c 'completion bash') || exit 9
            complete -p r2s
            ask() { COMP_LINE=$1; COMP_POINT=${#1}; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _r2s; echo "${COMPREPLY[*]}"; }
            ask 'r2s --profile st' r2s --profile st
            ask 'r2s --profile=st' r2s --profile = st
            ask 'r2s ls --filter p' r2s ls --filter p
            """#)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == "complete -o default -F _r2s r2s\nstaging\nstaging\npdfs\n")
    }

    @Test func zshCompletesProfileNames() throws {
        let home = try Home()
        // compadd/_files/compdef only exist inside a completion widget: stand-ins print what the
        // real script hands them.
        let r = try home.shell("zsh", #"""
            compdef() { print -r -- "compdef $*"; }
            compadd() { print -r -- "compadd $*"; }
            _files() { print -r -- "_files"; }
            source <(r2s -c 'completion zsh') || exit 9
            words=(r2s --profile st); CURRENT=3; PREFIX=st; _r2s
            words=(r2s -f ''); CURRENT=3; PREFIX=''; _r2s
            """#)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == "compdef _r2s r2s\ncompadd -U -Q -- staging\n_files\n")
    }

    @Test func fishCompletesProfileNames() throws {
        let home = try Home()
        let r = try home.shell("fish", #"""
            r2s -c 'completion fish' | source
            complete -C 'r2s --profile st'
            complete -C 'r2s ls --filter p'
            """#)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == "staging\npdfs\n")
    }
}
