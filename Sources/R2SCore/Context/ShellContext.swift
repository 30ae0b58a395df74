/// Everything a command may use while it runs: the console, the output format, the session
/// (active profile, environment, paths) and the registry (for `help`). Typed, not a bag.
public struct ShellContext: Sendable {
    /// Output and error streams.
    public var console: any Console
    /// The format this command prints in (`--json`/`--csv` on the command line win over the global flag).
    public var format: OutputFormat
    /// `-q`: print only results and errors, no progress or banners.
    public var quiet: Bool
    /// True in the interactive shell (confirmations possible, errors never stop anything).
    public var isInteractive: Bool
    /// Process-wide state: active profile, environment, paths, language.
    public var session: Session
    /// The command registry (for `help` and completion).
    public var registry: CommandRegistry
    /// False with `--no-pager`: listings are never paged.
    public var paging = true

    public init(
        console: any Console, format: OutputFormat = .table, quiet: Bool = false, isInteractive: Bool = false,
        session: Session, registry: CommandRegistry
    ) {
        self.console = console
        self.format = format
        self.quiet = quiet
        self.isInteractive = isInteractive
        self.session = session
        self.registry = registry
    }

    /// The active profile.
    public var profile: Profile { session.profile }
    /// The user's language.
    public var language: Language { session.language }

    /// Resolves a localized text in the user's language.
    public func text(_ t: LocalizedText) -> String { t.resolve(session.language) }

    /// Prints an informational line to stderr unless `-q` (keeps stdout clean for `--json`/`--csv`).
    public func info(_ t: LocalizedText) {
        if !quiet { console.writeErrorLine(text(t)) }
    }

    /// Prints a warning line to stderr (always, even with `-q`).
    public func warn(_ t: LocalizedText) {
        let prefix = text(.warningPrefix)
        console.writeErrorLine((console.useColor ? ColorMode.paint(prefix, .yellow) : prefix) + " " + session.secrets.scrub(text(t)))
    }

    /// Starts a streamed listing in the active format.
    /// A table on a terminal goes through the pager (docs/interactive.md).
    public func rows(_ columns: [OutputColumn]) -> RowWriter {
        if paging, format == .table, !quiet { console.startPaging() }
        return RowWriter(console: console, format: format, columns: columns)
    }

    /// Prints a summary object: JSON object (with a `target` object once a store was used), a
    /// two-row CSV, or `key: value` lines for people.
    public func summary(_ fields: [(String, OutputValue)]) {
        switch format {
        case .json:
            // Which bucket and catalog the command worked on, once any store was used.
            var fields = fields
            if let target = session.announcedTarget, !fields.contains(where: { $0.0 == "target" }) {
                fields.append(("target", target.jsonValue))
            }
            console.write(JSONWriter.encode(.object(fields)) + "\n")
        case .csv:
            console.write(fields.map { RowWriter.csvField($0.0) }.joined(separator: ",") + "\n")
            console.write(fields.map { RowWriter.csvField($0.1.plain) }.joined(separator: ",") + "\n")
        case .table:
            let width = fields.map(\.0.displayWidth).max() ?? 0
            for (k, v) in fields {
                console.write(k + ":" + String(repeating: " ", count: width - k.displayWidth + 1) + v.plain + "\n")
            }
        }
    }
}
