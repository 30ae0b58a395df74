#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few local file-system facts `upload` and `download` need, straight from POSIX (no
/// Foundation in Sources/: start-up time).
enum LocalFiles {
    enum Kind: Equatable {
        case file(size: Int64)
        case directory
        /// A fifo, socket or device: never uploaded.
        case special
        case missing
    }

    /// What is at `path`; symlinks are followed unless `followLinks` is false (then a link is
    /// `.special`, so a recursive walk never loops through a linked folder).
    static func kind(_ path: String, followLinks: Bool = true) -> Kind {
        var info = stat()
        let rc = followLinks ? stat(path, &info) : lstat(path, &info)
        guard rc == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(size: Int64(info.st_size))
        case S_IFDIR: return .directory
        case S_IFLNK: return followLinks ? .special : kind(path, followLinks: true).linkTarget
        default: return .special
        }
    }

    /// The names in a directory (without `.` and `..`), in byte order; `nil` when it cannot be read.
    static func entries(_ directory: String) -> [String]? {
        guard let dir = opendir(directory) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(validatingCString: $0) }
            }
            // A name that is not UTF-8 cannot become a key; it is reported as "<invalid name>".
            let text = name ?? "\u{FFFD}"
            if text != "." && text != ".." { names.append(text) }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// True when the text has shell glob characters (`*`, `?`, `[`).
    static func hasGlobCharacters(_ text: String) -> Bool {
        text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// Paths matching a shell pattern (POSIX `glob`, sorted); empty when nothing matches.
    static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        var out: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            if let p = result.gl_pathv[i], let s = String(validatingCString: p) { out.append(s) }
        }
        return out
    }

    /// The last component of a path (`a/b/` → `b`, `/` → `/`).
    static func baseName(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/"), p.index(after: slash) != p.endIndex else { return String(p) }
        return String(p[p.index(after: slash)...])
    }

    /// `dir` + `/` + `name` without doubling the slash.
    static func join(_ dir: String, _ name: String) -> String {
        dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }
}

extension LocalFiles.Kind {
    /// A symlink seen with `lstat` whose target is a regular file counts as that file; links to
    /// folders stay `.special` (not followed during a walk).
    fileprivate var linkTarget: LocalFiles.Kind {
        if case .file = self { return self }
        return .special
    }
}
