import Catalog
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension SQLiteCatalog {
    /// The lock file next to the database.
    public var lockPath: String { path + ".sync-lock" }

    /// Holds an exclusive, non-blocking `flock` on `<file>.sync-lock` while `body` runs.
    ///
    /// `flock` locks belong to the open file description, so a second holder — another process
    /// or another `SQLiteCatalog` in this one — is refused at once, and the kernel releases the
    /// lock if the process dies (no stale lock files to clean up). The file records the
    /// holder's pid and start time for the error message.
    public func withSyncLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw CatalogError.invalid(
                "cannot open the sync lock file \(lockPath): \(String(cString: strerror(errno)))",
                hint: "check that the catalog's folder is writable")
        }
        defer { close(fd) }  // closing the descriptor releases the lock
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let err = errno
            guard err == EWOULDBLOCK else {
                throw CatalogError.invalid("cannot lock \(lockPath): \(String(cString: strerror(err)))")
            }
            throw CatalogError.locked(displayName, holder: Self.readHolder(fd))
        }
        let note = "pid \(getpid()) since \(CatalogTimestamp.format(Date()))\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
        defer { _ = ftruncate(fd, 0) }
        return try await body()
    }

    static func readHolder(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 200)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[0..<n], as: UTF8.self)
        return text.split(separator: "\n").first.map(String.init)
    }
}
