import R2SCore

#if canImport(Glibc)
import Glibc
#endif

/// The few process-level chores of `main.swift`, without Foundation (start-up time matters).
enum Startup {
    /// Where the script text comes from.
    enum Source {
        case interactive
        case text(String, origin: String)
        case unreadable(path: String, reason: String)
    }

    /// Reads the script: `-c` text, a file, or stdin when it is not a terminal.
    static func source(of script: Invocation.Script) -> Source {
        switch script {
        case .text(let text):
            return .text(text, origin: "-c")
        case .standardInput where isatty(0) == 1:
            return .interactive
        case .standardInput, .file("-"):
            do {
                return .text(try SourceFile.readAll(0), origin: "<stdin>")
            } catch {
                return .unreadable(path: "<stdin>", reason: error.reason)
            }
        case .file(let path), .word(let path):
            do {
                return .text(try SourceFile.read(path), origin: path)
            } catch {
                return .unreadable(path: path, reason: error.reason)
            }
        }
    }

    /// The process environment as a dictionary (first value wins, as getenv does).
    static func environment() -> [String: String] {
        var out: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "="), out[String(s[..<eq])] == nil {
                out[String(s[..<eq])] = String(s[s.index(after: eq)...])
            }
            p += 1
        }
        return out
    }

    /// The current directory (for `.env`), "." if it cannot be read.
    static func workingDirectory() -> String {
        guard let cwd = getcwd(nil, 0) else { return "." }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    /// Flushes buffered output and exits with `status`.
    static func finish(_ status: ExitStatus, _ console: StandardConsole) -> Never {
        console.flush()
        exit(status.rawValue)
    }
}
