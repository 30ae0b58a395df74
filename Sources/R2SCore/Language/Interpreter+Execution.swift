/// How a block of statements ended.
enum Flow {
    /// Ran to its end.
    case next
    /// Stopped on a failure or Ctrl-C (already reported) with this status.
    case stop(ExitStatus)
    /// `exit N`.
    case exit(ExitStatus)
}

/// What running one command produced.
enum Outcome {
    case status(ExitStatus)
    /// A nested script (`source`) stopped; the message is already printed.
    case stopped(ExitStatus)
    case exit(ExitStatus)
}

extension Interpreter {
    func execute(_ statements: [Statement], in program: Program) async -> Flow {
        for statement in statements {
            // Builtins never reach `runCancellable`, so a Ctrl-C during a long run of `set`/`echo`
            // lines is noticed here.
            if interrupts.consume() {
                context.console.writeErrorLine(context.text(LocalizedText.interrupted))
                lastStatus = .interrupted
                return .stop(.interrupted)
            }
            switch statement {
            case .command(let node):
                switch await run(node, in: program) {
                case .exit(let s): return .exit(s)
                case .stopped(let s): return .stop(s)
                case .status(let s):
                    lastStatus = s
                    if let flow = stopIfFailed(s, node.location, node.range, in: program) { return flow }
                }
            case .conditional(let block):
                let truth: Bool
                switch await evaluate(block.condition, in: program) {
                case .exit(let s): return .exit(s)
                case .stopped(let s): return .stop(s)
                case .status(let s):
                    // A failing condition is an answer, not an error: it never stops the script.
                    // Ctrl-C does, and so does a condition that could not be asked at all (a
                    // usage, configuration or connection error): taking the else branch then
                    // would turn `if ! check --typo` into "drift".
                    lastStatus = s
                    if s == .interrupted { return stopIfFailed(s, block.location, block.condition.range, in: program) ?? .stop(s) }
                    if Self.conditionCannotAnswer(s) { return stopOnCondition(s, block, in: program) }
                    truth = s.isSuccess
                }
                let body = truth ? block.thenBody : block.elseBody
                if body.isEmpty {
                    lastStatus = .ok
                    continue
                }
                let flow = await execute(body, in: program)
                if case .next = flow { continue }
                return flow
            }
        }
        return .next
    }

    /// The stop decision after a command: Ctrl-C always stops; a failure stops under `on-error stop`.
    private func stopIfFailed(
        _ status: ExitStatus, _ location: ScriptLocation, _ range: Range<Int>, in program: Program
    ) -> Flow? {
        if status == .interrupted {
            // The dispatcher already said "interrupted"; a script also says where it stopped.
            if mode == .script || depth > 0 {
                context.console.writeErrorLine(
                    "\(location): "
                        + context.text(LocalizedText.scriptInterruptedAt(context.session.secrets.scrub(program.excerpt(range)))))
            }
            return .stop(status)
        }
        guard !status.isSuccess, scope.onError == .stop else { return nil }
        // The excerpt quotes the script's own text, which may hold a secret (`--password x`).
        let excerpt = context.session.secrets.scrub(program.excerpt(range))
        context.console.writeErrorLine("\(location): " + context.text(LocalizedText.scriptStopped(excerpt, status)))
        return .stop(status)
    }

    /// Statuses that say the condition's command never got to answer (docs/language.md).
    static func conditionCannotAnswer(_ status: ExitStatus) -> Bool {
        status == .usage || status == .config
    }

    /// Stops the script on a condition that could not answer, whatever `on-error` says.
    private func stopOnCondition(_ status: ExitStatus, _ block: IfNode, in program: Program) -> Flow {
        let excerpt = context.session.secrets.scrub(program.excerpt(block.condition.range))
        context.console.writeErrorLine("\(block.location): " + context.text(LocalizedText.scriptStopped(excerpt, status)))
        return .stop(status)
    }

    /// Evaluates an `if` condition to a status: 0 = true. `!` turns it into 0/1; a status that
    /// is no answer (Ctrl-C, usage, configuration) is passed on as it is.
    private func evaluate(_ condition: Condition, in program: Program) async -> Outcome {
        switch condition {
        case .compare(let lhs, let equal, let rhs, let negated, _):
            let same = expand(lhs) == expand(rhs)
            let truth = (same == equal) != negated
            return .status(truth ? .ok : .failure)
        case .command(let node, let negated):
            let outcome = await run(node, in: program)
            guard negated, case .status(let s) = outcome, s != .interrupted, !Self.conditionCannotAnswer(s) else {
                return outcome
            }
            return .status(s.isSuccess ? .failure : .ok)
        }
    }

    /// Runs one command: a builtin here, anything else through the dispatcher.
    func run(_ node: CommandNode, in program: Program) async -> Outcome {
        currentLocation = node.location
        let argv = expand(node.words)
        if let builtin = node.builtin {
            return await runBuiltin(builtin, argv, node, in: program)
        }
        guard let word = argv.first else { return .status(.ok) }  // `$@` with no arguments
        if node.words[0].literal == nil {
            // The command word came from a variable: it may still name a builtin.
            if let builtin = Builtin(rawValue: word) { return await runBuiltin(builtin, argv, node, in: program) }
            if word == "if" || word == "else" || word == "end" {
                let error = ScriptError(.keywordFromVariable(word), at: node.location)
                error.report(in: context)
                return .status(error.exitStatus)
            }
        }
        let dispatcher = self.dispatcher
        let context = self.context
        return .status(await interrupts.runCancellable { await dispatcher.execute(argv, in: context) })
    }
}
