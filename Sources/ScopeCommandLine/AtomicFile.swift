public import FoundationEssentials
public import Scope

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small private files (filters, settings) read whole and replaced atomically.
///
/// POSIX rather than `Data.write(options: .atomic)`: the file must be created 0600 from the
/// start (no window where another user can read it) and fsync'ed before the rename.
public enum AtomicFile {
    /// The file's bytes, or `nil` when it does not exist.
    public static func read(_ path: String) throws(ScopeError) -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let e = errno
            if e == ENOENT { return nil }
            throw ScopeError(.unreadable(path: path, detail: describe(e)))
        }
        defer { close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { sysRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ScopeError(.unreadable(path: path, detail: describe(errno)))
            }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return Data(out)
    }

    /// Replaces `path` with `bytes` (mode 0600), creating its folder (mode 0700) if needed.
    public static func write(_ bytes: [UInt8], to path: String) throws(ScopeError) {
        let dir = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        try makeDirectories(dir, for: path)
        let temp = dir + "/.tmp-" + String(UInt64.random(in: 0 ... .max), radix: 36)
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ScopeError(.unwritable(path: path, detail: describe(errno))) }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = sysWrite(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure == 0, rename(temp, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temp)
            throw ScopeError(.unwritable(path: path, detail: describe(failure)))
        }
    }

    private static func makeDirectories(_ dir: String, for path: String) throws(ScopeError) {
        var partial = dir.hasPrefix("/") ? "" : "."
        for component in dir.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, 0o700) != 0, errno != EEXIST {
                throw ScopeError(.unwritable(path: path, detail: describe(errno)))
            }
        }
    }

    private static func describe(_ e: Int32) -> String {
        switch e {
        case EACCES: "permission denied"
        case ENOSPC: "no space left on device"
        case EROFS: "read-only file system"
        case ENOTDIR: "a parent is not a folder"
        case EISDIR: "is a folder"
        default: "errno \(e)"
        }
    }
}

// Module-level forwarders (inside `AtomicFile`, `read`/`write` name the methods).
private func sysRead(_ fd: Int32, _ p: UnsafeMutableRawPointer?, _ n: Int) -> Int { read(fd, p, n) }
private func sysWrite(_ fd: Int32, _ p: UnsafeRawPointer?, _ n: Int) -> Int { write(fd, p, n) }
