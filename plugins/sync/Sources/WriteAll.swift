#if canImport(Glibc)
import Glibc
#endif

/// Writes every byte of `buffer` to `fd` — `write(2)` may take less than asked, or be
/// interrupted by a signal (EINTR) — then empties it, keeping its capacity for the next round.
/// The report file and its spool both flush this way; a failure names `path`.
func writeAll(_ buffer: inout [UInt8], to fd: Int32, path: String) throws {
    var offset = 0
    while offset < buffer.count {
        let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if n < 0 {
            if errno == EINTR { continue }
            throw OutputFileError(path: path, errno: errno)
        }
        offset += n
    }
    buffer.removeAll(keepingCapacity: true)
}
