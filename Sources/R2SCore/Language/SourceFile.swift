#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads script files and stdin with plain POSIX calls (no Foundation: start-up time matters)
/// and resolves `source` paths.
public enum SourceFile {
    /// Why a file could not be read (the `strerror` text, e.g. "No such file or directory").
    public struct ReadError: Error, Sendable {
        public var reason: String
    }

    /// The largest script r2s reads (a file, `source`, a plugin, stdin): 16 MiB, far beyond
    /// any hand-written script, small enough that `/dev/zero` or a runaway pipe fails at once
    /// instead of filling memory. (docs/language.md, "Limits".)
    public static let maxScriptBytes = 16 * 1024 * 1024

    /// Reads a whole regular file as UTF-8 (invalid sequences become U+FFFD). Devices, FIFOs
    /// and directories are refused (they may never end), as is a file over `maxScriptBytes`.
    public static func read(_ path: String) throws(ReadError) -> String {
        // O_NONBLOCK: opening a FIFO must not wait for a writer before it can be refused.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw ReadError(reason: lastErrorText()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ReadError(reason: lastErrorText()) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw ReadError(reason: "not a regular file (a script must be a file or stdin)")
        }
        guard Int(info.st_size) <= maxScriptBytes else { throw tooLarge() }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return try readAll(fd)
    }

    /// Reads a descriptor to its end (a script piped on stdin), refusing more than
    /// `maxScriptBytes` without reading further.
    public static func readAll(_ fd: Int32) throws(ReadError) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadError(reason: lastErrorText())
            }
            if n == 0 { break }
            guard bytes.count + n <= maxScriptBytes else { throw tooLarge() }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func tooLarge() -> ReadError {
        ReadError(reason: "larger than \(maxScriptBytes / (1024 * 1024)) MiB, the script size limit")
    }

    /// True for origins that are not files (`-c`, `<stdin>`, `-`).
    public static func isPseudoOrigin(_ origin: String) -> Bool {
        origin == "-c" || origin == "-" || origin.hasPrefix("<")
    }

    /// `path` as seen from the file `origin`: absolute paths stay, relative ones are taken from
    /// the directory of the sourcing file (the working directory for `-c` and stdin), so a
    /// script finds its helpers wherever cron starts it.
    public static func resolve(_ path: String, relativeTo origin: String) -> String {
        if path.hasPrefix("/") || isPseudoOrigin(origin) { return path }
        guard let slash = origin.lastIndex(of: "/") else { return path }
        let directory = slash == origin.startIndex ? "/" : String(origin[..<slash])
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }

    private static func lastErrorText() -> String {
        guard let text = strerror(errno) else { return "error \(errno)" }
        return String(cString: text)
    }
}
