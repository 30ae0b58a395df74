/// The shell's side of a target description: its `--json` form and how a command announces it.
/// The description itself lives in `UserFacing` so stores can give it without the shell core.
extension TargetDescription {
    /// The `target` object of `--json` summaries (the same fields as the line).
    public var jsonValue: OutputValue {
        var fields: [(String, OutputValue)] = [("profile", .string(profile))]
        if let fallbackPath { fields.append(("fallback", .string(fallbackPath))) }
        if let bucket {
            fields.append(("bucket", .object([
                ("kind", .string(bucket.kind)), ("name", .string(bucket.name)), ("endpoint_host", .text(bucket.detail)),
            ])))
        }
        if let catalog {
            fields.append(("catalog", .object([
                ("kind", .string(catalog.kind)), ("location", .string(catalog.name)), ("table", .text(catalog.detail)),
            ])))
        }
        if !problems.isEmpty { fields.append(("problems", .array(problems.map { .string($0) }))) }
        return .object(fields)
    }
}

extension ShellContext {
    /// Describes the active profile's target through the describer the wiring installed
    /// (`Session.setTargetDescriber`), or `nil` without one.
    public func describeTarget() -> TargetDescription? {
        session.targetDescriber?(self)
    }

    /// Prints the target line on stderr once per target, before a script's first action that
    /// reads or changes data (stores call this when they are first handed out). Silent with
    /// `-q` and in the interactive shell (its banner and prompt show the profile); the target
    /// is remembered either way for the `target` object of `--json` summaries.
    public func announceTarget() {
        guard let target = describeTarget() else { return }
        guard session.rememberTarget(target) else { return }
        if !quiet, !isInteractive { console.writeErrorLine(target.line(language)) }
    }
}
