import ObjectStore
import R2SCore

/// One file `upload` will send: where it is and the key it gets.
struct UploadFile: Sendable {
    var path: String
    var key: String
    var size: Int64
}

/// Expands `upload`'s PATH arguments into files and keys, a batch at a time: arguments are
/// checked up front, folders given with `-r` are walked as `next` asks for more files, so a run
/// of 100,000 files never holds them all (only the names of the folders being walked, one per
/// level, and the keys seen so far, to refuse duplicates).
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
///
/// Files come in the order the arguments and a depth-first walk of byte-sorted names give, the
/// order `ExistingObjects` relies on (a batch is a contiguous run of a folder's sorted names).
final class UploadPlan {
    /// The key prefix of every folder walked with `-r` (`media/fotos/`): `upload` reads the
    /// rows under each once instead of per batch.
    private(set) var folders: [String] = []

    /// Store keys with `.`/`..` segments as written (`--allow-dot-segments`).
    private let allowDotSegments: Bool
    private var problems: [(item: String, error: any Error)] = []
    private var keys = Set<[UInt8]>()

    /// The arguments in order: a file, or a folder still to walk.
    private enum Item {
        case file(path: String, key: String, size: Int64)
        case folder(path: String, keyPrefix: String)
    }
    private var items: [Item] = []
    private var nextItem = 0

    /// A folder being walked: its sorted names and the next one to look at.
    private struct Level {
        var path: String
        var keyPrefix: String
        var names: [String]
        var index = 0
    }
    private var levels: [Level] = []

    init(paths: [String], prefix: String, recursive: Bool, allowDotSegments: Bool = false) {
        self.allowDotSegments = allowDotSegments
        let folder = Format.folder(prefix)
        for path in paths {
            if case .missing = LocalFiles.kind(path), LocalFiles.hasGlobCharacters(path) {
                let matches = LocalFiles.glob(path)
                if matches.isEmpty { problems.append((path, CommandError(.noMatch(path), status: .failure))) }
                for match in matches { add(match, folder: folder, recursive: recursive) }
            } else {
                add(path, folder: folder, recursive: recursive)
            }
        }
    }

    /// Up to `max` more files; `nil` once every argument is done. Problems found on the way
    /// are kept for `takeProblems`.
    func next(_ max: Int) -> [UploadFile]? {
        var out: [UploadFile] = []
        while out.count < max {
            if !levels.isEmpty {
                let top = levels.count - 1
                guard levels[top].index < levels[top].names.count else {
                    levels.removeLast()
                    continue
                }
                let name = levels[top].names[levels[top].index]
                levels[top].index += 1
                let (directory, keyPrefix) = (levels[top].path, levels[top].keyPrefix)
                let path = LocalFiles.join(directory, name)
                if name == "\u{FFFD}" {
                    problems.append((path, CommandError(.invalidFileName(directory), status: .failure)))
                    continue
                }
                switch LocalFiles.kind(path, followLinks: false) {
                case .file(let size): if let file = checked(path, key: keyPrefix + name, size: size) { out.append(file) }
                case .directory: open(path, keyPrefix: keyPrefix + name + "/")
                case .special: problems.append((path, CommandError(.notRegularFile(path), status: .failure)))
                case .missing: problems.append((path, CommandError(.noSuchFile(path), status: .failure)))
                }
                continue
            }
            guard nextItem < items.count else { break }
            let item = items[nextItem]
            nextItem += 1
            switch item {
            case .file(let path, let key, let size): if let file = checked(path, key: key, size: size) { out.append(file) }
            case .folder(let path, let keyPrefix): open(path, keyPrefix: keyPrefix)
            }
        }
        return out.isEmpty && levels.isEmpty && nextItem == items.count ? nil : out
    }

    /// The problems found since the last call (arguments that cannot be uploaded, entries of
    /// walked folders), with why.
    func takeProblems() -> [(item: String, error: any Error)] {
        defer { problems = [] }
        return problems
    }

    /// Number and total size of the files at most `limit` bytes (the progress line's totals),
    /// and the number of all files, by a walk that keeps none of them; call it on a plan of its own.
    /// `eachKey` sees every file's key (whatever its size).
    func totals(upTo limit: Int64, eachKey: (String) -> Void = { _ in }) -> (files: Int, bytes: Int64, all: Int) {
        var files = 0
        var bytes: Int64 = 0
        var all = 0
        while let batch = next(1000) {
            all += batch.count
            for file in batch { eachKey(file.key) }
            for file in batch where file.size <= limit {
                files += 1
                bytes += file.size
            }
            problems = []
        }
        return (files, bytes, all)
    }

    private func add(_ path: String, folder: String, recursive: Bool) {
        switch LocalFiles.kind(path) {
        case .file(let size):
            items.append(.file(path: path, key: folder + LocalFiles.baseName(path), size: size))
        case .directory:
            guard recursive else {
                problems.append((path, CommandError(.isDirectory(path), hint: .isDirectoryHint, status: .usage)))
                return
            }
            let name = LocalFiles.baseName(path)
            let base = name == "." || name == ".." || name == "/" ? folder : folder + name + "/"
            folders.append(KeyMapping.canonicalKey(base))  // keys are NFC; so is their folder
            items.append(.folder(path: path, keyPrefix: base))
        case .special:
            problems.append((path, CommandError(.notRegularFile(path), status: .failure)))
        case .missing:
            problems.append((path, CommandError(.noSuchFile(path), status: .failure)))
        }
    }

    private func open(_ directory: String, keyPrefix: String) {
        guard let names = LocalFiles.entries(directory) else {
            problems.append((directory, CommandError(.unreadableFolder(directory), status: .failure)))
            return
        }
        levels.append(Level(path: directory, keyPrefix: keyPrefix, names: names))
    }

    /// The file with its NFC key, or `nil` with the problem recorded.
    private func checked(_ path: String, key rawKey: String, size: Int64) -> UploadFile? {
        let key = KeyMapping.canonicalKey(rawKey)
        guard key.utf8.count <= KeyMapping.maxKeyBytes else {
            problems.append((path, CommandError(.keyTooLong(key.utf8.count), status: .usage)))
            return nil
        }
        guard allowDotSegments || !DotSegments.contains(key) else {
            problems.append((path, CommandError(.dotSegmentKey(key), hint: .dotSegmentKeyHint, status: .refused)))
            return nil
        }
        guard keys.insert(Array(key.utf8)).inserted else {
            problems.append((path, CommandError(.duplicateKey(key), status: .usage)))
            return nil
        }
        return UploadFile(path: path, key: key, size: size)
    }
}
