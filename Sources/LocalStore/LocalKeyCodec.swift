import ObjectStore

/// How `LocalFolderStore` spells object keys as paths, so that **every** S3-legal key round-trips
/// while ordinary keys stay ordinary file names (`fichas/a.pdf` is the file `fichas/a.pdf`).
///
/// A key is split at `/`; every segment but the last is a directory, the last is a file. Each
/// segment becomes one file name:
/// - `%` is written `%25` and NUL `%00`: after this, a `%` in a name always starts `%XX`, so
///   every name that starts with `%` and a non-hex character is free for the store's own use.
/// - The segments a file system cannot hold get a percent spelling: the empty segment (`a//b`,
///   a leading or trailing `/`) is `%`, `.` is `%2E` and `..` is `%2E%2E`.
/// - A name longer than `chunkLimit` bytes (NAME_MAX is 255) is cut into chunks; every chunk but
///   the last is a directory named `chunk%>` (`%>` = "the segment continues inside"). Cuts never
///   split a `%XX` escape or a UTF-8 sequence.
/// - S3 allows `a` and `a/b` side by side, a file system cannot have a file and a directory both
///   called `a`: the object `a` then lives in `a/%self`.
///
/// Reserved names (never keys): `%self`, `%meta` (sidecar metadata, one per directory), `%tmp-…`
/// (in-flight writes). Names that are not valid encodings (a stray `100%.jpg` dropped in by hand)
/// are not listed.
enum LocalKeyCodec {
    /// The longest single file name written; leaves room under NAME_MAX (255) for the `%>` marker.
    static let chunkLimit = 240
    /// Directory holding an object whose key is also a folder.
    static let selfName = "%self"
    /// Directory of sidecar metadata files, in every folder that holds objects.
    static let metaName = "%meta"
    /// Prefix of in-flight temporary files.
    static let tempPrefix = "%tmp-"
    /// Suffix of a continuation chunk directory.
    static let continuation = "%>"

    /// The path components (relative to the root) of the file that holds `key`, before the
    /// `%self` redirection (which depends on what exists on disk).
    static func components(of key: String) -> [String] {
        let segments = key.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        var out: [String] = []
        for segment in segments {
            let chunks = encode(segment: segment)
            for (i, c) in chunks.enumerated() { out.append(i < chunks.count - 1 ? c + continuation : c) }
        }
        return out
    }

    /// One segment as one or more name chunks (usually one).
    static func encode<S: Collection>(segment: S) -> [String] where S.Element == UInt8 {
        let bytes = Array(segment)
        if bytes.isEmpty { return ["%"] }
        if bytes == [UInt8(ascii: ".")] { return ["%2E"] }
        if bytes == [UInt8(ascii: "."), UInt8(ascii: ".")] { return ["%2E%2E"] }
        // Units that must stay whole: one escape, or one whole UTF-8 sequence.
        var chunks: [String] = []
        var current: [UInt8] = []
        var i = 0
        while i < bytes.count {
            var unit: [UInt8]
            let b = bytes[i]
            if b == UInt8(ascii: "%") || b == 0 {
                unit = []
                PercentCoding.appendEscape(b, to: &unit)
                i += 1
            } else {
                let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                let end = min(i + length, bytes.count)
                unit = Array(bytes[i..<end])
                i = end
            }
            if current.count + unit.count > chunkLimit {
                chunks.append(String(decoding: current, as: UTF8.self))
                current = []
            }
            current.append(contentsOf: unit)
        }
        chunks.append(String(decoding: current, as: UTF8.self))
        return chunks
    }

    /// What a directory entry is.
    enum Entry: Equatable {
        /// A name the store uses itself (`%meta`, `%tmp-…`): skip.
        case reserved
        /// `%self`: the object named by the enclosing folder's key.
        case selfObject
        /// A complete segment (a file, or a folder whose key path adds `/`).
        case segment([UInt8])
        /// A continuation chunk directory: its bytes continue the segment without a `/`.
        case continuation([UInt8])
        /// Not a valid encoding (a file dropped in by hand): not an object of this store.
        case invalid
    }

    /// Classifies and decodes one file name (bytes, as `readdir` returns them; never `.`/`..`).
    static func decode(name: [UInt8]) -> Entry {
        if name == [UInt8(ascii: "%")] { return .segment([]) }
        if name.first == UInt8(ascii: "%"), name.count >= 2, PercentCoding.hexValue(name[1]) == nil {
            return name == Array(selfName.utf8) ? .selfObject : .reserved
        }
        var body = name[...]
        var isContinuation = false
        if name.count > 2, name.suffix(2).elementsEqual(continuation.utf8) {
            body = name.dropLast(2)
            isContinuation = true
        }
        // Chunks are cut at UTF-8 boundaries, so every valid name decodes to valid UTF-8 by itself.
        guard let decoded = strictDecode(body), PercentCoding.string(fromUTF8: decoded) != nil else { return .invalid }
        return isContinuation ? .continuation(decoded) : .segment(decoded)
    }

    /// `%XX` decoding that rejects any other use of `%` (the writer never produces one).
    private static func strictDecode(_ s: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = s.startIndex
        while i < s.endIndex {
            let b = s[i]
            if b == UInt8(ascii: "%") {
                guard i + 2 < s.endIndex,
                    let hi = PercentCoding.hexValue(s[i + 1]), let lo = PercentCoding.hexValue(s[i + 2])
                else { return nil }
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(b)
                i += 1
            }
        }
        return out
    }
}
