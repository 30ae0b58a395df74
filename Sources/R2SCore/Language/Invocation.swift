/// The r2s command line: what to run and how, parsed without side effects so it can be tested.
///
/// ```
/// r2s [OPTIONS]                       interactive shell (or a script piped on stdin)
/// r2s [OPTIONS] -c 'CMD; CMD' [ARG…]  run the text
/// r2s [OPTIONS] -f FILE.r2s [ARG…]    run the file
/// r2s [OPTIONS] FILE.r2s [ARG…]       same (a `#!/usr/bin/env r2s` script lands here)
/// r2s [OPTIONS] COMMAND [ARG…]        one command, like -c (`r2s ls fichas`)
/// ```
/// Options come before the script; everything after it is the script's `$1…`.
public struct Invocation: Sendable, Equatable {
    /// What to run.
    public enum Script: Sendable, Equatable {
        /// The interactive shell when stdin is a terminal, else stdin read as a script.
        case standardInput
        /// `-c TEXT`.
        case text(String)
        /// `-f FILE`, `-- FILE` (`-` = stdin).
        case file(String)
        /// A bare first word: a command (`r2s ls fichas`) or a script file (`r2s job.r2s`). The
        /// executable decides once the commands are known (docs/language.md "Running r2s").
        case word(String)
    }

    /// What the process does.
    public enum Action: Sendable, Equatable {
        case run
        case version
        case help
    }

    public var action: Action = .run
    public var script: Script = .standardInput
    /// `$1…` of the script.
    public var arguments: [String] = []
    /// `--profile NAME`.
    public var profile: String?
    /// `--json` / `--csv` (the last one given wins).
    public var format: OutputFormat?
    /// `-q`.
    public var quiet = false
    /// `--no-pager`.
    public var noPager = false
    /// `--color auto|always|never`.
    public var color: ColorMode = .auto

    public init() {}

    /// A bad command line (exit status 2).
    public struct UsageError: UserFacingError, Sendable, Equatable {
        public var message: LocalizedText
        public var hintText: LocalizedText? { Self.usageHint }
        public var exitStatus: ExitStatus { .usage }

        static let usageHint = LocalizedText(en: "run `r2s --help` for the usage", ptBR: "rode `r2s --help` para ver o uso")

        static func needsValue(_ option: String) -> UsageError {
            UsageError(message: LocalizedText(
                en: "option '\(option)' needs a value", ptBR: "a opção '\(option)' precisa de um valor"))
        }

        static func unknown(_ option: String) -> UsageError {
            UsageError(message: LocalizedText(en: "unknown option '\(option)'", ptBR: "opção desconhecida '\(option)'"))
        }
    }

    /// Parses the arguments after the program name.
    public static func parse(_ args: [String]) throws(UsageError) -> Invocation {
        var result = Invocation()
        var i = 0
        func value(_ option: String) throws(UsageError) -> String {
            guard i + 1 < args.count else { throw .needsValue(option) }
            i += 1
            return args[i]
        }
        func colorMode(_ text: String) throws(UsageError) -> ColorMode {
            guard let mode = ColorMode(rawValue: text) else {
                throw UsageError(message: LocalizedText(
                    en: "--color \(text): expected auto, always or never", ptBR: "--color \(text): use auto, always ou never"))
            }
            return mode
        }
        while i < args.count {
            let arg = args[i]
            switch arg {
            case "-c":
                result.script = .text(try value(arg))
                result.arguments = Array(args[(i + 1)...])
                return result
            case "-f":
                result.script = .file(try value(arg))
                result.arguments = Array(args[(i + 1)...])
                return result
            case "--profile":
                result.profile = try value(arg)
            case "--json": result.format = .json
            case "--csv": result.format = .csv
            case "-q", "--quiet": result.quiet = true
            case "--no-pager": result.noPager = true
            case "--color": result.color = try colorMode(try value(arg))
            case "--version", "-V": result.action = .version
            case "--help", "-h": result.action = .help
            case "--":
                if i + 1 < args.count {
                    result.script = .file(args[i + 1])
                    result.arguments = Array(args[(i + 2)...])
                }
                return result
            default:
                if arg.hasPrefix("--color=") {
                    result.color = try colorMode(String(arg.dropFirst("--color=".count)))
                } else if arg.hasPrefix("--profile=") {
                    result.profile = String(arg.dropFirst("--profile=".count))
                    if result.profile?.isEmpty == true { throw .needsValue("--profile") }
                } else if arg.hasPrefix("-"), arg != "-" {
                    throw .unknown(arg)
                } else {
                    result.script = arg == "-" ? .file(arg) : .word(arg)
                    result.arguments = Array(args[(i + 1)...])
                    return result
                }
            }
            i += 1
        }
        return result
    }

    /// `r2s --help`.
    public static let usage = """
        r2s \(R2SVersion.current) — admin shell for Cloudflare R2 (S3) and its Postgres file catalog

        USAGE:
          r2s [OPTIONS]                       interactive shell (reads a script from stdin if it is not a terminal)
          r2s [OPTIONS] -c 'CMD; CMD' [ARG…]  run commands
          r2s [OPTIONS] -f FILE.r2s [ARG…]    run a script file ($1… are the ARGs)
          r2s [OPTIONS] FILE.r2s [ARG…]       same; lets a script start with #!/usr/bin/env r2s
          r2s [OPTIONS] COMMAND [ARG…]        run one command, like -c (`r2s ls fichas`); a file
                                              wins when it exists and ends in .r2s, or has a /

        OPTIONS (before the script):
          --profile NAME   use the named profile (default: R2S_PROFILE, config, environment, `local`)
          --json           print one JSON document per command
          --csv            print CSV with a header row
          -q, --quiet      only results and errors
          --no-pager       never page long listings (default on a terminal: $PAGER, else less -FRX)
          --color WHEN     colour errors and warnings: auto (a terminal, NO_COLOR unset), always, never
          --version        print the version
          -h, --help       print this help

        EXIT STATUS:
          0 ok · 1 command failed · 2 usage or syntax error · 3 configuration, authentication or
          connection error · 4 refused by a safety guard · 5 partial failure · 6 drift found ·
          7 drift pending · 130 interrupted (Ctrl-C). A script stops at its first failing command and exits with
          that command's status (see `on-error`). Details: docs/exit-codes.md, docs/language.md.

        """
}
