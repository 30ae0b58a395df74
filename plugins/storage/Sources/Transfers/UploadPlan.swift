import ObjectStore
import R2SCore

/// One file `upload` will send: where it is and the key it gets.
struct UploadFile: Sendable {
    var path: String
    var key: String
    var size: Int64
}

/// Expands `upload`'s PATH arguments into files and keys, before anything is uploaded.
///
/// - A file becomes `PREFIX/name`.
/// - A folder needs `-r` and keeps its name, as `cp -r` does: `upload -r fotos --to media`
///   gives `media/fotos/…`; `.` uploads the current folder's contents directly under PREFIX.
/// - A path that does not exist but has `*`, `?` or `[` is a pattern, expanded here (the r2s
///   language has no globbing): `upload 'scans/*.pdf'`.
/// - Keys are written in NFC (a name typed or stored in NFD gets the one canonical key R2 uses),
///   must fit S3's 1,024 bytes, and two paths may not give the same key.
/// - A key with a `.` or `..` segment (`--to a/../b`) is refused unless `allowDotSegments`:
///   its public url would name another object (`DotSegments`).
/// - Symlinks to files are followed; links to folders are not walked (no loops); fifos, sockets
///   and devices are refused.
struct UploadPlan {
    var files: [UploadFile] = []
    /// Arguments (or entries found under them) that cannot be uploaded, with why.
    var problems: [(item: String, error: any Error)] = []
    /// The key prefix of every folder walked with `-r` (`media/fotos/`): `upload` reads the
    /// rows under each once instead of per batch.
    var folders: [String] = []

    /// Store keys with `.`/`..` segments as written (`--allow-dot-segments`).
    private let allowDotSegments: Bool

    init(paths: [String], prefix: String, recursive: Bool, allowDotSegments: Bool = false) {
        self.allowDotSegments = allowDotSegments
        let folder = Format.folder(prefix)
        var keys = Set<[UInt8]>()
        for path in paths {
            if case .missing = LocalFiles.kind(path), LocalFiles.hasGlobCharacters(path) {
                let matches = LocalFiles.glob(path)
                if matches.isEmpty { problems.append((path, CommandError(.noMatch(path), status: .failure))) }
                for match in matches { add(match, folder: folder, recursive: recursive, keys: &keys) }
            } else {
                add(path, folder: folder, recursive: recursive, keys: &keys)
            }
        }
    }

    private mutating func add(_ path: String, folder: String, recursive: Bool, keys: inout Set<[UInt8]>) {
        switch LocalFiles.kind(path) {
        case .file(let size):
            addFile(path, key: folder + LocalFiles.baseName(path), size: size, keys: &keys)
        case .directory:
            guard recursive else {
                problems.append((path, CommandError(.isDirectory(path), hint: .isDirectoryHint, status: .usage)))
                return
            }
            let name = LocalFiles.baseName(path)
            let base = name == "." || name == ".." || name == "/" ? folder : folder + name + "/"
            folders.append(KeyMapping.canonicalKey(base))  // keys are NFC; so is their folder
            walk(path, keyPrefix: base, keys: &keys)
        case .special:
            problems.append((path, CommandError(.notRegularFile(path), status: .failure)))
        case .missing:
            problems.append((path, CommandError(.noSuchFile(path), status: .failure)))
        }
    }

    private mutating func walk(_ directory: String, keyPrefix: String, keys: inout Set<[UInt8]>) {
        guard let names = LocalFiles.entries(directory) else {
            problems.append((directory, CommandError(.unreadableFolder(directory), status: .failure)))
            return
        }
        for name in names {
            let path = LocalFiles.join(directory, name)
            if name == "\u{FFFD}" {
                problems.append((path, CommandError(.invalidFileName(directory), status: .failure)))
                continue
            }
            switch LocalFiles.kind(path, followLinks: false) {
            case .file(let size): addFile(path, key: keyPrefix + name, size: size, keys: &keys)
            case .directory: walk(path, keyPrefix: keyPrefix + name + "/", keys: &keys)
            case .special: problems.append((path, CommandError(.notRegularFile(path), status: .failure)))
            case .missing: problems.append((path, CommandError(.noSuchFile(path), status: .failure)))
            }
        }
    }

    private mutating func addFile(_ path: String, key rawKey: String, size: Int64, keys: inout Set<[UInt8]>) {
        let key = KeyMapping.canonicalKey(rawKey)
        guard key.utf8.count <= KeyMapping.maxKeyBytes else {
            problems.append((path, CommandError(.keyTooLong(key.utf8.count), status: .usage)))
            return
        }
        guard allowDotSegments || !DotSegments.contains(key) else {
            problems.append((path, CommandError(.dotSegmentKey(key), hint: .dotSegmentKeyHint, status: .refused)))
            return
        }
        guard keys.insert(Array(key.utf8)).inserted else {
            problems.append((path, CommandError(.duplicateKey(key), status: .usage)))
            return
        }
        files.append(UploadFile(path: path, key: key, size: size))
    }
}
