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

    /// Reads a whole file as UTF-8 (invalid sequences become U+FFFD).
    public static func read(_ path: String) throws(ReadError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReadError(reason: lastErrorText()) }
        defer { close(fd) }
        return try readAll(fd)
    }

    /// Reads a descriptor to its end (a script piped on stdin).
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
            bytes.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
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
