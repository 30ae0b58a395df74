#if canImport(Glibc)
import Glibc
#endif

/// The few POSIX file operations the S3 client needs (size, atomic rename, cleanup), without
/// Foundation's FileManager.
enum LocalFiles {
    /// The size of a regular file.
    static func size(of path: String) throws(S3Error) -> Int64 {
        var st = stat()
        guard stat(path, &st) == 0 else { throw failure("cannot read \(path)") }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw S3Error(.localFile, detail: "\(path) is not a regular file")
        }
        return Int64(st.st_size)
    }

    /// A temporary name next to `path` (same directory, so the final rename is atomic).
    static func temporarySibling(of path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[...$0]) } ?? ""
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(dir).\(base).r2s-\(UInt64.random(in: 0...UInt64.max) % 1_000_000_000_000)"
    }

    /// Atomically replaces `target` with `source`.
    static func rename(_ source: String, to target: String) throws(S3Error) {
        guard Glibc.rename(source, target) == 0 else { throw failure("cannot move the download to \(target)") }
    }

    /// Removes a file, ignoring errors (cleanup after a failed download).
    static func remove(_ path: String) { unlink(path) }

    private static func failure(_ what: String) -> S3Error {
        S3Error(.localFile, detail: "\(what): \(String(cString: strerror(errno)))")
    }
}
