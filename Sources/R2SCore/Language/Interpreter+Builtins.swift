/// Argument rules of the interpreter's own words, shared by the parser (literal arguments,
/// checked before anything runs) and the interpreter (arguments that came from variables).
enum Builtins {
    struct Problem {
        var kind: ScriptError.Kind
        /// Index of the offending argument, when one is to blame.
        var argument: Int?
    }

    /// Checks `arguments` (nil = only known at run time).
    static func check(_ builtin: Builtin, arguments args: [String?]) -> Problem? {
        switch builtin {
        case .echo:
            return nil
        case .set:
            // `set` alone lists the variables.
            if let first = args.first, let name = first, !VariableNames.isValid(name) {
                return Problem(kind: .invalidName(word: "set", name: name), argument: 0)
            }
        case .unset:
            if args.isEmpty { return Problem(kind: .builtinUsage(word: "unset", usage: "unset NAME…"), argument: nil) }
            for (i, arg) in args.enumerated() {
                if let name = arg, !VariableNames.isValid(name) {
                    return Problem(kind: .invalidName(word: "unset", name: name), argument: i)
                }
            }
        case .exit:
            if args.count > 1 { return Problem(kind: .builtinUsage(word: "exit", usage: "exit [STATUS]"), argument: 1) }
            if let first = args.first, let text = first, exitStatus(text) == nil {
                return Problem(kind: .badExitStatus(text), argument: 0)
            }
        case .onError:
            guard args.count == 1 else {
                return Problem(kind: .builtinUsage(word: "on-error", usage: "on-error stop|continue"), argument: nil)
            }
            if let text = args[0], OnErrorPolicy(rawValue: text) == nil {
                return Problem(kind: .badOnErrorMode(text), argument: 0)
            }
        case .source:
            if args.isEmpty { return Problem(kind: .builtinUsage(word: "source", usage: "source FILE [ARG…]"), argument: nil) }
        }
        return nil
    }

    /// `0`…`255`.
    static func exitStatus(_ text: String) -> ExitStatus? {
        guard let n = Int32(text), (0...255).contains(n) else { return nil }
        return ExitStatus(n)
    }
}

extension Interpreter {
    func runBuiltin(_ builtin: Builtin, _ argv: [String], _ node: CommandNode, in program: Program) async -> Outcome {
        let args = Array(argv.dropFirst())
        if let problem = Builtins.check(builtin, arguments: args) {
            // Point at the argument when words and arguments still line up (no `$@`).
            let at = problem.argument.flatMap { i in argv.count == node.words.count ? node.words[i + 1].location : nil }
            let error = ScriptError(problem.kind, at: at ?? node.location)
            error.report(in: context)
            return .status(error.exitStatus)
        }
        switch builtin {
        case .echo:
            echo(args)
        case .set:
            if args.isEmpty {
                listVariables()
            } else {
                setVariable(args[0], args.dropFirst().joined(separator: " "))
            }
        case .unset:
            for name in args { unsetVariable(name) }
        case .exit:
            return .exit(args.first.flatMap(Builtins.exitStatus) ?? lastStatus)
        case .onError:
            scope.onError = OnErrorPolicy(rawValue: args[0]) ?? scope.onError
        case .source:
            return await source(args[0], arguments: Array(args.dropFirst()), node, in: program)
        }
        return .status(.ok)
    }

    private func echo(_ args: [String]) {
        var words = args[...]
        var newline = "\n"
        if words.first == "-n" {
            newline = ""
            words = words.dropFirst()
        }
        context.console.write(words.joined(separator: " ") + newline)
    }

    /// `set` alone: `NAME=value` lines, secrets masked as `profile show` masks them.
    private func listVariables() {
        var out = ""
        for name in scope.variables.keys.sorted() {
            let value = scope.variables[name] ?? ""
            // Masked by name, then scrubbed: `set X $DB_PASS` made X's value a secret too.
            let shown = value.isEmpty ? "" : context.session.secrets.scrub(Profile.mask(key: name, value: value))
            out += name + "=" + shown + "\n"
        }
        context.console.write(out)
    }

    /// `source FILE [ARG…]`: runs FILE in the current scope. With arguments, they are `$1…` while
    /// it runs; without, it sees the caller's.
    private func source(_ path: String, arguments: [String], _ node: CommandNode, in program: Program) async -> Outcome {
        let resolved = SourceFile.resolve(path, relativeTo: program.origin)
        guard depth < Self.maxDepth else {
            let error = ScriptError(.sourceTooDeep(limit: Self.maxDepth, path: resolved), at: node.location)
            error.report(in: context)
            return .status(error.exitStatus)
        }
        let text: String
        do {
            text = try SourceFile.read(resolved)
        } catch {
            let failure = ScriptError(.unreadableFile(path: resolved, reason: error.reason), at: node.location)
            failure.report(in: context)
            return .status(failure.exitStatus)
        }
        let child: Program
        do {
            child = try Parser.parse(text, origin: resolved)
        } catch {
            // Reported at its place in FILE; the `source` line then fails like any command.
            error.report(in: context)
            return .status(error.exitStatus)
        }
        let savedArguments = scope.arguments
        let savedName = scope.scriptName
        if !arguments.isEmpty { scope.arguments = arguments }
        scope.scriptName = resolved
        depth += 1
        defer {
            depth -= 1
            scope.arguments = savedArguments
            scope.scriptName = savedName
        }
        switch await execute(child.statements, in: child) {
        case .next: return .status(lastStatus)
        case .stop(let s): return .stopped(s)
        case .exit(let s): return .exit(s)
        }
    }
}
