#if canImport(Glibc)
import Glibc
#endif
import R2SCore

/// A file written through a temporary name and renamed into place on `commit()`, so a reader
/// (or a cron job) never sees half a report or half a plan. Buffered: one `write(2)` per 64 KiB.
final class OutputFile {
    let path: String
    private let temporary: String
    private var fd: Int32
    private var buffer: [UInt8] = []

    /// Creates `PATH.tmp-PID` next to `path`.
    init(path: String) throws {
        self.path = path
        temporary = path + ".tmp-\(getpid())"
        fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputFileError(path: path, errno: errno) }
        buffer.reserveCapacity(64 * 1024)
    }

    deinit {
        if fd >= 0 {
            close(fd)
            unlink(temporary)
        }
    }

    func write(_ text: String) throws {
        try write(bytes: text.utf8)
    }

    /// Raw bytes (a copied spool: a chunk may end inside a UTF-8 sequence).
    func write(bytes: some Sequence<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 64 * 1024 { try drain() }
    }

    /// Flushes, closes and renames into place.
    func commit() throws {
        try drain()
        let result = close(fd)
        fd = -1
        guard result == 0, rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw OutputFileError(path: path, errno: code)
        }
    }

    private func drain() throws {
        try writeAll(&buffer, to: fd, path: path)
    }
}

/// Writing `--report`/`--plan` failed.
struct OutputFileError: UserFacingError {
    var path: String
    var errno: Int32

    var reason: String { String(cString: strerror(errno)) }
    /// The path is an argument of the command line that cannot be written (no such folder, no
    /// permission): a usage error, and nothing was changed — the report is opened before sync
    /// applies anything, and `--plan` never applies (docs/exit-codes.md).
    var exitStatus: ExitStatus { .usage }
    var message: LocalizedText { .cannotWrite(path, reason) }
    var hintText: LocalizedText? { .checkFolderWritable }
}
