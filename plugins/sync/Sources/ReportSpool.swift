#if canImport(Glibc)
import Glibc
#endif

/// Where a JSON report's items wait until its header is known: the header (with the run's
/// counts) comes first in the file, but the counts exist only once every item has streamed by.
/// An unlinked temporary file next to the report (never held in memory, gone if r2s dies),
/// copied into the report at the end.
final class ReportSpool {
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let path: String

    /// Creates and unlinks `PATH.items-PID` (same folder as the report: same disk, same rights).
    init(beside path: String) throws {
        self.path = path
        let name = path + ".items-\(getpid())"
        fd = open(name, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw OutputFileError(path: path, errno: errno) }
        unlink(name)
        buffer.reserveCapacity(64 * 1024)
    }

    deinit { if fd >= 0 { close(fd) } }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 64 * 1024 { try drain() }
    }

    /// Appends everything spooled to `file`, 64 KiB at a time, and closes the spool.
    func copy(into file: OutputFile) throws {
        try drain()
        guard lseek(fd, 0, SEEK_SET) == 0 else { throw OutputFileError(path: path, errno: errno) }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputFileError(path: path, errno: errno)
            }
            if n == 0 { break }
            try file.write(bytes: chunk[0..<n])
        }
        close(fd)
        fd = -1
    }

    private func drain() throws {
        try writeAll(&buffer, to: fd, path: path)
    }
}
