public import Catalog
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
    /// A local file has one path to it, so no lease row is needed, but the semantics match the
    /// servers' lease: a second holder is refused with who holds it, `options.wait` waits for it,
    /// and a dead holder never blocks (the kernel drops a `flock` with its process, the moral
    /// equivalent of the dead-pid takeover). `flock` locks belong to the open file description,
    /// so another `SQLiteCatalog` in this same process is refused too.
    public func withSyncLock<T: Sendable>(_ options: SyncLockOptions, _ body: @Sendable () async throws -> T) async throws -> T {
        let fd = try await options.retrying { try acquire() }
        defer { close(fd) }  // closing the descriptor releases the lock
        defer { _ = ftruncate(fd, 0) }
        return try await body()
    }

    /// One attempt: the locked descriptor, or `locked` naming the holder.
    private func acquire() throws -> Int32 {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw CatalogError.invalid(
                "cannot open the sync lock file \(lockPath): \(String(cString: strerror(errno)))",
                hint: "check that the catalog's folder is writable")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let err = errno
            let holder = Self.readHolder(fd)
            close(fd)
            guard err == EWOULDBLOCK else {
                throw CatalogError.invalid("cannot lock \(lockPath): \(String(cString: strerror(err)))")
            }
            throw CatalogError.locked(displayName, holder: holder)
        }
        let note = "\(LeaseHolder.current().description) since \(CatalogTimestamp.format(Date()))\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
        return fd
    }

    static func readHolder(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 200)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[0..<n], as: UTF8.self)
        return text.split(separator: "\n").first.map(String.init)
    }
}
