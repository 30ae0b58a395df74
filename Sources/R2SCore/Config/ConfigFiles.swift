#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small Foundation-free file helpers for configuration (start-up reads at most two small files).
enum ConfigFiles {
    /// The result of reading a file.
    enum ReadResult {
        case text(String, mode: UInt32)
        case missing
        case unreadable(errno: Int32)
    }

    /// Reads a whole (small) text file and its permission bits.
    static func read(_ path: String) -> ReadResult {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            return code == ENOENT || code == ENOTDIR ? .missing : .unreadable(errno: code)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .unreadable(errno: errno) }
        if (st.st_mode & S_IFMT) == S_IFDIR { return .unreadable(errno: EISDIR) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .unreadable(errno: errno)
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return .text(String(decoding: bytes, as: UTF8.self), mode: UInt32(st.st_mode & 0o7777))
    }

    /// The current working directory ("." when it cannot be determined).
    static func workingDirectory() -> String {
        // getcwd(NULL, 0) allocates a buffer of the right size (glibc and BSD extension).
        guard let cwd = getcwd(nil, 0) else { return "." }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    /// The system's text for an errno value.
    static func describe(errno code: Int32) -> String {
        strerror(code).map { String(cString: $0) } ?? "error \(code)"
    }
}
