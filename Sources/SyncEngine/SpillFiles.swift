import FoundationEssentials
public import UserFacing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The private folder of one partitioned run (issue 17 §2) and the files spilled into it: JSON
/// lines appended through one bounded buffer, so memory does not grow with what is spilled.
///
/// The folder is made by `mkdtemp` (mode 0700) under `$TMPDIR` (else `/tmp`) and every file in
/// it is created with mode 0600: keys, urls and row ids only, never a credential.
final class SpillFolder {
    let path: String
    private var buffers: [String: [UInt8]] = [:]
    private var buffered = 0
    /// Bytes held before every buffer is written out (one partition's worth of lines is far less).
    private let flushAt: Int
    private let encoder = JSONEncoder()

    init(flushAt: Int = 8 << 20) throws {
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/r2s-sync-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw SpillError(path: base, errno: errno)
        }
        path = String(cString: made)
        self.flushAt = flushAt
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Appends one value as a JSON line to the file `name` (created on first use).
    func append<T: Encodable>(_ value: T, to name: String) throws {
        let line = try encoder.encode(value)
        buffers[name, default: []].append(contentsOf: line)
        buffers[name]!.append(UInt8(ascii: "\n"))
        buffered += line.count + 1
        if buffered >= flushAt { try flush() }
    }

    /// Writes every buffer to its file.
    func flush() throws {
        for (name, bytes) in buffers where !bytes.isEmpty { try Self.write(bytes, appendingTo: file(name)) }
        buffers = [:]
        buffered = 0
    }

    /// Removes one file (a partition once classified).
    func remove(_ name: String) {
        buffers[name] = nil
        unlink(file(name))
    }

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

    private static func write(_ bytes: [UInt8], appendingTo path: String) throws {
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

/// Reads a spilled file back one JSON line at a time, 1 MiB at a time (a missing file is empty).
struct SpillReader: ~Copyable {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private let decoder = JSONDecoder()

    init(path: String) throws {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            guard errno == ENOENT else { throw SpillError(path: path, errno: errno) }
            atEnd = true
        }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// The next value, or nil at the end of the file.
    mutating func next<T: Decodable>(_ type: T.Type) throws -> T? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Data(buffer[start..<newline])
                start = newline + 1
                return try decoder.decode(T.self, from: line)
            }
            if atEnd { return nil }
            buffer.removeFirst(start)
            start = 0
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SpillError(path: "spilled plan", errno: errno)
            }
            if n == 0 { atEnd = true } else { buffer.append(contentsOf: chunk[0..<n]) }
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
