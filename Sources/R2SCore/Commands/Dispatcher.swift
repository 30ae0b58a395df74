import ArgumentParser

/// Runs one command line (already split into words and interpolated) against the registry:
/// global flags, `--help`, argument parsing, the command itself, and error rendering.
///
/// Never throws and never exits the process: every outcome is an `ExitStatus`, so an error can
/// never end the interactive shell.
public struct Dispatcher: Sendable {
    public let registry: CommandRegistry

    public init(registry: CommandRegistry) {
        self.registry = registry
    }

    /// Executes `argv` (`argv[0]` is the command word).
    public func execute(_ argv: [String], in baseContext: ShellContext) async -> ExitStatus {
        guard let word = argv.first else { return .ok }
        var context = baseContext
        let args = Self.extractGlobalFlags(Array(argv.dropFirst()), into: &context)
        defer {
            context.console.flush()
            context.console.finishPaging()
        }

        guard let entry = registry.entry(word) else {
            let suggestions = registry.suggestions(for: word)
            let hint: LocalizedText =
                suggestions.isEmpty
                ? LocalizedText(en: "type `help` for the list of commands", ptBR: "digite `help` para ver os comandos")
                : .didYouMean(suggestions)
            ErrorRenderer.render(
                CommandError(
                    LocalizedText(en: "unknown command '\(word)'", ptBR: "comando desconhecido '\(word)'"),
                    hint: hint, status: .usage), in: context)
            return .usage
        }

        switch entry {
        case .runtime(let command):
            if args == ["--help"] || args == ["-h"] {
                context.console.write(await command.help(in: context))
                return .ok
            }
            return await guarded(context) { try await command.run(arguments: args, in: context) }
        case .compiled(_, let type):
            return await runCompiled(type, word: word, args: args, context: context)
        }
    }

    private func runCompiled(
        _ type: any ParsableCommand.Type, word: String, args: [String], context: ShellContext
    ) async -> ExitStatus {
        let parsed: any ParsableCommand
        do {
            parsed = try type.parseAsRoot(args)
        } catch {
            return renderParse(error, type: type, context: context)
        }
        guard let command = parsed as? any ShellCommand else {
            // `--help`, `help sub` and a bare group word parse to ArgumentParser's own commands,
            // whose run() throws CleanExit carrying the help text.
            do {
                var builtin = parsed
                try builtin.run()
                return .ok
            } catch {
                return renderParse(error, type: type, context: context)
            }
        }
        return await guarded(context) { try await command.run(in: context) }
    }

    private func renderParse(_ error: any Error, type: any ParsableCommand.Type, context: ShellContext) -> ExitStatus {
        let code = type.exitCode(for: error)
        if code.isSuccess {
            // Rendered unwrapped, then wrapped once to the terminal (HelpLayout).
            var message = type.fullMessage(for: error, columns: HelpLayout.unwrapped)
            if !message.hasSuffix("\n") { message += "\n" }
            context.console.write(HelpLayout.format(message + Self.globalOptionsHelp, width: context.console.width))
            return .ok
        }
        return ErrorRenderer.render(
            Self.usageError(error, type: type, word: type._commandName, columns: context.console.width), in: context)
    }

    /// Runs a command body, turning thrown errors (and Ctrl-C cancellation) into a status.
    private func guarded(_ context: ShellContext, _ body: () async throws -> ExitStatus) async -> ExitStatus {
        do {
            let status = try await body()
            if Task.isCancelled { return interrupted(context) }
            return status
        } catch is CancellationError {
            return interrupted(context)
        } catch {
            if Task.isCancelled { return interrupted(context) }
            return ErrorRenderer.render(error, in: context)
        }
    }

    private func interrupted(_ context: ShellContext) -> ExitStatus {
        context.console.writeErrorLine(context.text(.interrupted))
        return .interrupted
    }

    /// Appended to every command's `--help`.
    public static let globalOptionsHelp = """

        GLOBAL OPTIONS (every command):
          --json                  Print one JSON document (array for listings, object for summaries).
          --csv                   Print CSV with a header row.
          -q, --quiet             Only results and errors: no progress, no info lines.
          --no-pager              Never page a long listing through $PAGER.

        """

    /// Removes `--json`, `--csv`, `-q`/`--quiet` (before a `--` terminator) and applies them.
    static func extractGlobalFlags(_ args: [String], into context: inout ShellContext) -> [String] {
        var out: [String] = []
        out.reserveCapacity(args.count)
        var terminated = false
        for arg in args {
            if terminated {
                out.append(arg)
                continue
            }
            switch arg {
            case "--": terminated = true; out.append(arg)
            case "--json": context.format = .json
            case "--csv": context.format = .csv
            case "-q", "--quiet": context.quiet = true
            case "--no-pager": context.paging = false
            default: out.append(arg)
            }
        }
        return out
    }
}
