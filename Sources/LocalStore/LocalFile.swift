#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file descriptor, closed in `deinit`. Confined to one task (not `Sendable`).
final class LocalFile {
    private(set) var fd: Int32
    let path: String

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { if fd >= 0 { _ = sysClose(fd) } }

    /// Opens an existing file for reading.
    static func openForReading(_ path: String, sourceError: Bool = false) throws -> LocalFile {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            throw LocalFolderStoreError(sourceError ? .sourceUnreadable(errno: e) : .io(errno: e), path: path, operation: "open")
        }
        return LocalFile(fd: fd, path: path)
    }

    /// Creates a new file that must not exist yet (`O_EXCL`), with `mode`.
    static func createExclusive(_ path: String, mode: mode_t = 0o644) throws -> LocalFile {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw LocalFolderStoreError(.io(errno: errno), path: path, operation: "create") }
        return LocalFile(fd: fd, path: path)
    }

    /// Reads up to `buffer.count` bytes; 0 at end of file. Retries on EINTR.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = sysRead(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw LocalFolderStoreError(.io(errno: errno), path: path, operation: "read")
        }
    }

    /// Writes all of `bytes`, looping over short writes.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = sysWrite(fd, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw LocalFolderStoreError(.io(errno: errno), path: path, operation: "write")
            }
            offset += n
        }
    }

    /// Moves the read position.
    func seek(to offset: Int64) throws {
        guard lseek(fd, off_t(offset), SEEK_SET) >= 0 else {
            throw LocalFolderStoreError(.io(errno: errno), path: path, operation: "seek")
        }
    }

    /// Size and modification time of the open file.
    func status() throws -> LocalFS.Status {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw LocalFolderStoreError(.io(errno: errno), path: path, operation: "fstat") }
        return LocalFS.Status(st)
    }

    /// Flushes to stable storage, so a rename after it never exposes a half-written file after a crash.
    func sync() throws {
        guard fsync(fd) == 0 else { throw LocalFolderStoreError(.io(errno: errno), path: path, operation: "fsync") }
    }

    /// Closes now (reporting a failed close, which can mean lost writes on network file systems).
    func close() throws {
        guard fd >= 0 else { return }
        let r = sysClose(fd)
        fd = -1
        guard r == 0 else { throw LocalFolderStoreError(.io(errno: errno), path: path, operation: "close") }
    }
}

// Module-level forwarders: inside `LocalFile`, `read`/`write`/`close` name the methods.
private func sysClose(_ fd: Int32) -> Int32 { close(fd) }
private func sysRead(_ fd: Int32, _ p: UnsafeMutableRawPointer?, _ n: Int) -> Int { read(fd, p, n) }
private func sysWrite(_ fd: Int32, _ p: UnsafeRawPointer?, _ n: Int) -> Int { write(fd, p, n) }
