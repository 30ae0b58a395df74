#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An owned POSIX file descriptor for streaming bodies (closed in `deinit`).
///
/// Plain POSIX rather than FileManager/FileHandle: bodies stream in curl's buffer-sized chunks
/// from the transfer thread, and this keeps the HTTP layer free of Foundation.
final class FileDescriptor {
    let fd: Int32
    let path: String

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    /// Opens an existing file for reading.
    static func forReading(_ path: String) throws(CurlError) -> FileDescriptor {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("cannot open \(path) for reading") }
        return FileDescriptor(fd: fd, path: path)
    }

    /// Creates (or truncates) a file for writing, mode 0644 before umask.
    static func forWriting(_ path: String) throws(CurlError) -> FileDescriptor {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot create \(path)") }
        return FileDescriptor(fd: fd, path: path)
    }

    /// Reads up to `count` bytes at `offset` into `buffer`; returns the count read (0 at EOF).
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int64) throws(CurlError) -> Int {
        while true {
            let n = pread(fd, buffer, count, off_t(offset))
            if n >= 0 { return n }
            if errno != EINTR { throw Self.failure("cannot read \(path)") }
        }
    }

    /// Writes all `count` bytes (retrying short writes and EINTR).
    func writeAll(_ buffer: UnsafeRawPointer, count: Int) throws(CurlError) {
        var done = 0
        while done < count {
            let n = write(fd, buffer + done, count - done)
            if n > 0 {
                done += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                throw Self.failure("cannot write \(path)")
            }
        }
    }

    private static func failure(_ what: String) -> CurlError {
        CurlError(kind: .localFile, code: 0, detail: "\(what): \(String(cString: strerror(errno)))")
    }
}
