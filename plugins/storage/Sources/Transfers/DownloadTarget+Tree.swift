import R2SCore

extension DownloadTarget {
    /// The path, relative to DEST, that `download -r` writes a key to: the key after the
    /// folder's parent (the folder keeps its name, as `upload -r` and `cp -r` do), every segment
    /// passing the same rule a single download's file name passes (`fileName(forKey:)`: not
    /// empty, not `.` or `..`, no NUL, at most 255 bytes). So no segment can climb out of DEST,
    /// whatever the bucket holds (`a/../../x`, `a//b`, a key ending in `/`).
    ///
    /// `folder` is the listed prefix with its trailing `/` (`media/fotos/`), or `""` for the
    /// whole bucket; `key` starts with it.
    static func relativePath(forKey key: String, under folder: String) -> Result<[String], Problem> {
        let parent = folder.isEmpty ? "" : String(folder.dropLast()).parentFolder
        let relative = key.utf8.dropFirst(parent.utf8.count)
        var segments: [String] = []
        for segment in relative.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            switch fileName(forKey: String(decoding: segment, as: UTF8.self)) {
            case .success(let name): segments.append(name)
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(segments)
    }
}

extension String {
    /// Everything up to and including the last `/` (`media/fotos` → `media/`; no `/` → `""`).
    fileprivate var parentFolder: String {
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(self[...slash])
    }
}
