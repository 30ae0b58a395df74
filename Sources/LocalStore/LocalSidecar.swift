import ObjectStore

/// The metadata S3 keeps beside an object, kept by the local store in `<dir>/%meta/<name>`.
///
/// A small line format (`field value`), not JSON: listings read one sidecar per object and this
/// parses without allocating a decoder. It records the data file's size and modification time
/// when it was written; if the data file changed behind r2s's back (edited by hand), the sidecar
/// is stale and ignored: the type is guessed from the extension again and the ETag recomputed.
struct LocalSidecar: Equatable {
    var size: Int64
    var mtimeNanos: Int64
    /// MD5 hex of the content (S3's single-part ETag).
    var etag: String
    var contentType: String

    private static let magic = "r2s-meta 1"

    /// The file's text.
    var text: String {
        "\(Self.magic)\nsize \(size)\nmtime \(mtimeNanos)\netag \(etag)\ntype \(contentType)\n"
    }

    /// Parses a sidecar; `nil` when it is not one.
    init?(text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.first == Substring(Self.magic) else { return nil }
        var fields: [Substring: Substring] = [:]
        for line in lines.dropFirst() {
            guard let space = line.firstIndex(of: " ") else { continue }
            fields[line[..<space]] = line[line.index(after: space)...]
        }
        guard let size = fields["size"].flatMap({ Int64($0) }), let mtime = fields["mtime"].flatMap({ Int64($0) }),
            let etag = fields["etag"], let type = fields["type"]
        else { return nil }
        self.init(size: size, mtimeNanos: mtime, etag: String(etag), contentType: String(type))
    }

    init(size: Int64, mtimeNanos: Int64, etag: String, contentType: String) {
        self.size = size
        self.mtimeNanos = mtimeNanos
        self.etag = etag
        // A newline would end the field early; S3 would reject such a header anyway.
        self.contentType = contentType.replacing("\n", with: " ").replacing("\r", with: " ")
    }

    /// True when it still describes the data file with this status.
    func describes(_ status: LocalFS.Status) -> Bool {
        status.size == size && status.mtimeNanos == mtimeNanos
    }

    /// Reads the sidecar at `path`; `nil` when missing or unreadable (the object still lists).
    static func read(_ path: String) -> LocalSidecar? {
        guard let file = try? LocalFile.openForReading(path) else { return nil }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1024)
        while bytes.count < 64 * 1024 {
            let n = (try? buffer.withUnsafeMutableBytes { try file.read(into: $0) }) ?? 0
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return PercentCoding.string(fromUTF8: bytes).flatMap(LocalSidecar.init(text:))
    }

    /// Writes the sidecar to a new temp file in `directory` and returns its path (the caller renames it).
    func writeTemp(in directory: String) throws -> String {
        let path = directory + "/" + LocalFS.tempName()
        let file = try LocalFile.createExclusive(path)
        do {
            let data = Array(text.utf8)
            try data.withUnsafeBytes { (raw) throws in try file.write(raw) }
            try file.close()
        } catch {
            _ = try? LocalFS.remove(path)
            throw error
        }
        return path
    }
}
