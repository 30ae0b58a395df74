#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The POSIX calls the local-folder store needs, with `errno` turned into typed errors.
///
/// Why POSIX and not FileManager: names must round-trip as exact bytes (FileManager works on
/// `String` paths and may normalise), files must stream in chunks (FoundationEssentials has no
/// FileHandle), and temp files need `O_EXCL` and a mode.
enum LocalFS {
    /// What `stat` says about a path.
    struct Status {
        enum Kind { case file, directory, other }
        var kind: Kind
        var size: Int64
        /// Modification time in nanoseconds since 1970.
        var mtimeNanos: Int64
    }

    /// `stat` (following symlinks), or `nil` when nothing is there.
    static func status(_ path: String) throws -> Status? {
        var st = stat()
        if stat(path, &st) != 0 {
            let e = errno
            if e == ENOENT || e == ENOTDIR { return nil }
            throw LocalFolderStoreError(.io(errno: e), path: path, operation: "stat")
        }
        return Status(st)
    }

    /// `status` for a directory entry met while listing: a symlink counts only when it points to a
    /// regular file (a linked folder could loop back on an ancestor, so it is not followed).
    static func entryStatus(_ path: String) throws -> Status? {
        var st = stat()
        if lstat(path, &st) != 0 {
            let e = errno
            if e == ENOENT || e == ENOTDIR { return nil }
            throw LocalFolderStoreError(.io(errno: e), path: path, operation: "lstat")
        }
        guard st.st_mode & S_IFMT == S_IFLNK else { return Status(st) }
        guard let target = try status(path), target.kind == .file else {
            return Status(kind: .other, size: 0, mtimeNanos: 0)
        }
        return target
    }

    /// Creates one directory; an existing directory is fine.
    static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o755) == 0 { return }
        let e = errno
        if e == EEXIST, (try? status(path))??.kind == .directory { return }
        throw LocalFolderStoreError(.io(errno: e), path: path, operation: "mkdir")
    }

    /// Entry names of a directory (bytes, without `.` and `..`); `[]` when it does not exist.
    static func entries(_ path: String) throws -> [[UInt8]] {
        guard let dir = opendir(path) else {
            let e = errno
            if e == ENOENT || e == ENOTDIR { return [] }
            throw LocalFolderStoreError(.io(errno: e), path: path, operation: "opendir")
        }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
            names.append(name)
        }
        return names
    }

    /// Renames atomically (same file system).
    static func rename(_ from: String, _ to: String) throws {
        guard libcRename(from, to) == 0 else {
            throw LocalFolderStoreError(.io(errno: errno), path: to, operation: "rename")
        }
    }

    /// Removes a file. Returns false when it was not there.
    @discardableResult
    static func remove(_ path: String) throws -> Bool {
        if unlink(path) == 0 { return true }
        let e = errno
        if e == ENOENT || e == ENOTDIR { return false }
        throw LocalFolderStoreError(.io(errno: e), path: path, operation: "unlink")
    }

    /// Removes a directory if it is empty; returns whether it did.
    @discardableResult
    static func removeEmptyDirectory(_ path: String) -> Bool { rmdir(path) == 0 }

    /// A random name for an in-flight file: `%tmp-` + 16 hex digits.
    static func tempName() -> String {
        let n = UInt64.random(in: .min ... .max)
        let hex = String(n, radix: 16)
        return LocalKeyCodec.tempPrefix + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension LocalFS.Status {
    init(_ st: stat) {
        let mode = st.st_mode & S_IFMT
        kind = mode == S_IFREG ? .file : mode == S_IFDIR ? .directory : .other
        size = Int64(st.st_size)
        #if canImport(Darwin)
        mtimeNanos = Int64(st.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(st.st_mtimespec.tv_nsec)
        #else
        mtimeNanos = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        #endif
    }
}

/// `rename` is shadowed by `LocalFS.rename` inside the enum; this reaches libc's.
private func libcRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
