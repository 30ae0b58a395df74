import FoundationEssentials
public import UserFacing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The private folder of one partitioned run (issue 17 §2) and the files spilled into it:
/// framed binary records (`SpillEncoder`) appended through one bounded buffer, so memory does not
/// grow with what is spilled.
///
/// The folder is made by `mkdtemp` (mode 0700) under `$TMPDIR` (else `/tmp`), named
/// `r2s-spill-<pid>-XXXXXX` (`removeAbandoned` sweeps those of dead processes), and every file in
/// it is created with mode 0600: keys, urls and row ids only, never a credential. Several
/// writers may share the folder (the listing and the catalog read run at once), each with files
/// of its own: `SpillFolder(at:)` writes into a folder another one made.
final class SpillFolder {
    let path: String
    private var buffers: [String: SpillEncoder] = [:]
    private var buffered = 0
    /// Bytes held before every buffer is written out (one partition's worth of lines is far less).
    private let flushAt: Int

    init(flushAt: Int = 8 << 20) throws {
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        // The process id in the name lets a later run remove the folder if this process is
        // killed (SIGKILL, a crash) before it removes it itself.
        Self.removeAbandoned(in: base)
        var template = Array((base + "/\(Self.namePrefix)\(getpid())-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw SpillError(path: base, errno: errno)
        }
        path = String(cString: made)
        self.flushAt = flushAt
    }

    /// A second writer into the folder at `path` (made by another `SpillFolder`).
    init(at path: String, flushAt: Int = 4 << 20) {
        self.path = path
        self.flushAt = flushAt
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Appends one value as a framed record to the file `name` (created on first use).
    func append<T: Spillable>(_ value: T, to name: String) throws {
        let before = buffers[name]?.bytes.count ?? 0
        buffers[name, default: SpillEncoder()].record(value)
        buffered += buffers[name]!.bytes.count - before
        if buffered >= flushAt { try flush() }
    }

    /// Writes every buffer to its file.
    func flush() throws {
        for (name, out) in buffers where !out.bytes.isEmpty { try Self.write(out.bytes, appendingTo: file(name)) }
        buffers = [:]
        buffered = 0
    }

    /// Removes one file (a partition once classified).
    func remove(_ name: String) {
        if let dropped = buffers.removeValue(forKey: name) { buffered -= dropped.bytes.count }
        unlink(file(name))
    }

    /// Removes the file at `path` (one another writer made in this folder).
    static func remove(_ path: String) { unlink(path) }

    /// Removes the folder and everything in it (only files this run wrote: flat, no links followed).
    static func removeFolder(_ path: String) {
        guard let dir = opendir(path) else { return }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != ".", name != ".." { unlink(path + "/" + name) }
        }
        closedir(dir)
        rmdir(path)
    }

    /// Appends `bytes` to the file at `path` (created 0600), all of them or an error.
    static func write(_ bytes: [UInt8], appendingTo path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SpillError(path: path, errno: errno) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SpillError(path: path, errno: errno)
            }
            offset += n
        }
    }
}

/// Reads a spilled file back one framed record at a time, 64 KiB at a time (a missing file is empty).
struct SpillReader: ~Copyable {
    private let fd: Int32
    private let path: String
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    /// A record longer than this means a damaged file, not data: never buffer without bound.
    private static let longest = 64 << 20

    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            guard errno == ENOENT else { throw SpillError(path: path, errno: errno) }
            atEnd = true
        }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// The next value, or nil at the end of the file.
    mutating func next<T: Spillable>(_ type: T.Type) throws -> T? {
        while true {
            let available = buffer.count - start
            if available >= 4 {
                let length = buffer.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: start, as: UInt32.self))) }
                guard length <= Self.longest else { throw SpillError(path: path, errno: EIO) }
                if available >= 4 + length {
                    let from = start + 4
                    start = from + length
                    do {
                        return try buffer.withUnsafeBytes { raw in
                            var input = SpillDecoder(UnsafeRawBufferPointer(rebasing: raw[from..<(from + length)]))
                            return try T(from: &input)
                        }
                    } catch {
                        throw SpillError(path: path, errno: EIO)
                    }
                }
            }
            if atEnd {
                guard available == 0 else { throw SpillError(path: path, errno: EIO) }
                return nil
            }
            buffer.removeFirst(start)
            start = 0
            // 64 KiB at a time (most spilled files are small), read into uninitialised memory.
            var n = 0
            let chunk = [UInt8](unsafeUninitializedCapacity: 64 << 10) { raw, count in
                n = read(fd, raw.baseAddress, raw.count)
                count = max(0, n)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw SpillError(path: path, errno: errno)
            }
            buffer.append(contentsOf: chunk)
            if n == 0 { atEnd = true }
        }
    }
}

/// A spill file could not be created, written or read (a full or read-only temp folder).
public struct SpillError: UserFacingError, CustomStringConvertible {
    var path: String
    var errno: Int32
    public var description: String { "\(path): \(String(cString: strerror(errno)))" }
    public var message: LocalizedText { .syncSpillFailed(description) }
    public var hintText: LocalizedText? { .syncSpillHint }
}
