import ArgumentParser
import R2SCore

#if canImport(Glibc)
import Glibc
#endif

/// `completion bash|zsh|fish`: prints a completion script for the `r2s` command line, and
/// `completion --line TEXT`: the candidates for a command line typed up to the cursor.
///
/// The scripts are thin: on TAB they run `r2s -q -c 'completion --line "$1"' LINE` and show what
/// it prints. The candidates therefore come from the same `Completer` as the interactive shell's
/// TAB (commands, subcommands, flags, profile and filter names, keys, run-time plugins), with
/// the profile named by `--profile` on that command line — nothing is frozen into the script.
struct CompletionCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion", abstract: "Print a bash, zsh or fish completion script for the r2s command line.",
        discussion: """
            The script completes r2s's own options, command and subcommand names, flags, and the \
            values TAB offers in the shell (profile names after --profile, filter names after \
            --filter, keys…). It asks r2s for them on every TAB (`completion --line TEXT` prints \
            one candidate per line), so plugins and the profile on the command line count. The \
            Debian package installs all three scripts; docs/install.md says where they go otherwise.

            EXAMPLES:
              completion bash
              completion fish
              completion --line 'r2s --profile lo'
            """)

    @Argument(help: "The shell: bash, zsh or fish.")
    var shell: String?

    @Option(help: "Print the candidates for this command line (as typed up to the cursor), one per line.")
    var line: String?

    func validate() throws {
        switch (shell, line) {
        case (nil, nil): throw ValidationError("name a shell: bash, zsh or fish")
        case (.some, .some): throw ValidationError("give either a shell or --line, not both")
        case (let name?, nil) where CompletionScripts.script(for: name) == nil:
            throw ValidationError("unknown shell '\(name)': use bash, zsh or fish")
        default: break
        }
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        if let line {
            let candidates = await Self.candidates(line: line, in: context)
            // A candidate never spans lines: the scripts read one per line.
            for candidate in candidates where !candidate.contains("\n") { context.console.writeLine(candidate) }
        } else if let shell, let script = CompletionScripts.script(for: shell) {
            context.console.write(script)
        }
        return .ok
    }

    /// What TAB offers at the end of `line`, a whole `r2s …` command line.
    static func candidates(line text: String, in context: ShellContext) async -> [String] {
        let line = CompletionTokenizer.tokenize(text)
        // The first word is the program itself: nothing to offer while it is typed.
        guard !line.inComment, !line.words.isEmpty else { return [] }
        let words = Array(line.words.dropFirst())
        let current = line.current
        let completer = Completer(registry: context.registry, workingDirectory: workingDirectory())
        var i = 0
        while i < words.count {
            let word = words[i].value
            switch word {
            case "--profile":
                guard i + 1 < words.count else { return await profiles(current.raw, completer, context) }
                await use(profile: words[i + 1].value, in: context)
                i += 2
                continue
            case "--json", "--csv", "-q", "--quiet":
                i += 1
                continue
            default:
                if word.hasPrefix("--profile=") {
                    await use(profile: String(word.dropFirst("--profile=".count)), in: context)
                    i += 1
                    continue
                }
                // -c TEXT, -f FILE, --help, --version, a script file: the shell's own file
                // completion (the scripts fall back to it when nothing is printed) fits best.
                if word.hasPrefix("-") { return [] }
            }
            // The first other word is a command (`r2s ls fichas/`): complete as the shell's TAB does.
            let rest = words[i...].map(\.raw).joined(separator: " ")
            return await completer.complete(rest + " " + current.raw, in: context, variables: []).candidates
        }
        let prefix = current.value
        if prefix.hasPrefix("--profile=") {
            let value = String(current.raw.dropFirst("--profile=".count))
            return await profiles(value, completer, context).map { "--profile=" + $0 }
        }
        if prefix.hasPrefix("-") { return globalOptions.filter { $0.hasPrefix(prefix) } }
        return context.registry.allNames.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// The options `r2s` itself takes before the script or command (see `r2s --help`).
    static let globalOptions = ["--profile", "--json", "--csv", "-q", "--quiet", "-c", "-f", "--version", "--help"]

    /// Profile names, as `profile use` completes them.
    private static func profiles(_ raw: String, _ completer: Completer, _ context: ShellContext) async -> [String] {
        await completer.complete("profile use " + raw, in: context, variables: []).candidates
    }

    /// Switches to the profile the command line names, so values (filters, keys) come from it;
    /// an unknown or broken profile leaves the default in place (TAB never prints errors).
    private static func use(profile name: String, in context: ShellContext) async {
        let session = context.session
        guard
            let resolution = try? ProfileLoader.resolve(
                name: name, environment: session.environment, workingDirectory: workingDirectory(), paths: session.paths)
        else { return }
        session.profile = resolution.profile
        session.invalidate()
    }

    private static func workingDirectory() -> String {
        guard let cwd = getcwd(nil, 0) else { return "." }
        defer { free(cwd) }
        return String(cString: cwd)
    }
}
