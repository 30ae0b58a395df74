import R2SCore

/// The one rule from an object key (and an optional DEST) to the local path a download writes.
///
/// Keys are bucket data, not the user's words: a key may end in `/`, hold `..` segments or be
/// crafted (`../../../../tmp/x/`). So the key only ever contributes a **file name** — its last
/// `/`-separated segment — and only when that name is safe: never empty (a key ending in `/`,
/// including `a//`), never `.` or `..`, never holding a NUL byte and at most 255 bytes (the
/// longest name a Linux file system takes). Earlier segments, empty ones from `//` included, are
/// ignored: `a//b.txt` → `b.txt`. Anything else is refused with a hint to give DEST explicitly.
/// Every download path goes through `localPath(forKey:destination:)`; see docs/storage.md.
enum DownloadTarget {
    /// The longest file name (bytes) the usual Linux file systems accept (`NAME_MAX`).
    static let maxNameBytes = 255

    /// Why a key gives no safe local name.
    enum Problem: Error, Equatable, Sendable {
        /// The key ends in `/` (its last segment is empty).
        case empty
        /// The last segment is `.` or `..`.
        case dotSegment
        /// The last segment holds a NUL byte.
        case nulByte
        /// The last segment is over `maxNameBytes` bytes.
        case tooLong(Int)
    }

    /// The key's last `/`-separated segment: the text after the last `/` (the whole key without one).
    static func lastSegment(_ key: String) -> Substring {
        guard let slash = key.lastIndex(of: "/") else { return Substring(key) }
        return key[key.index(after: slash)...]
    }

    /// The local file name a key gives, or why it gives none.
    static func fileName(forKey key: String) -> Result<String, Problem> {
        let name = lastSegment(key)
        if name.isEmpty { return .failure(.empty) }
        if name == "." || name == ".." { return .failure(.dotSegment) }
        if name.utf8.contains(0) { return .failure(.nulByte) }
        if name.utf8.count > maxNameBytes { return .failure(.tooLong(name.utf8.count)) }
        return .success(String(name))
    }

    /// Where a download of `key` writes:
    /// - no DEST: the key's file name, in the current folder;
    /// - DEST an existing folder, or written with a trailing `/`: `DEST/NAME` (the folder must exist);
    /// - any other DEST: that path as given — the user chose it, the key's name is not used.
    ///
    /// Only the key's validated file name is ever joined to a folder, so the file (and the
    /// temporary file next to it) is created inside the chosen destination.
    static func localPath(forKey key: String, destination: String?) throws(CommandError) -> String {
        if let destination, !destination.isEmpty {
            let isFolder = LocalFiles.kind(destination) == .directory
            if !isFolder {
                guard !destination.hasSuffix("/") else {
                    throw CommandError(.noSuchFolder(destination), hint: .noSuchFolderHint, status: .failure)
                }
                return destination
            }
            return LocalFiles.join(destination, try name(key))
        }
        return try name(key)
    }

    /// The validated file name, or the refusal a user sees.
    private static func name(_ key: String) throws(CommandError) -> String {
        switch fileName(forKey: key) {
        case .success(let name): return name
        case .failure(let problem):
            throw CommandError(.unsafeLocalName(key, problem), hint: .unsafeLocalNameHint(key), status: .refused)
        }
    }
}
