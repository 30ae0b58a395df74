#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Local file-name completion for `source FILE`, `-f FILE` and similar arguments.
public enum PathCompleter {
    /// A matching path: directories end in `/` and are not terminal (completion continues).
    public struct Match: Sendable, Equatable {
        public var path: String
        public var isDirectory: Bool
    }

    /// Entries matching `prefix` (relative to `workingDirectory`, or absolute, or `~/…`).
    /// Hidden entries appear only when the typed name starts with `.`.
    public static func complete(_ prefix: String, workingDirectory: String, home: String?, limit: Int = 500) -> [Match] {
        let dirPart: String
        let namePart: String
        if let slash = prefix.lastIndex(of: "/") {
            dirPart = String(prefix[...slash])
            namePart = String(prefix[prefix.index(after: slash)...])
        } else {
            dirPart = ""
            namePart = prefix
        }
        var directory = dirPart.isEmpty ? "." : dirPart
        if directory.hasPrefix("~/"), let home {
            directory = home + directory.dropFirst(1)
        }
        if !directory.hasPrefix("/") {
            directory = workingDirectory + "/" + directory
        }
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var matches: [Match] = []
        while let entry = readdir(dir), matches.count < limit {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            if name.hasPrefix("."), !namePart.hasPrefix(".") { continue }
            guard name.hasPrefix(namePart) else { continue }
            var st = stat()
            let isDirectory = stat(directory + "/" + name, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
            matches.append(Match(path: dirPart + name + (isDirectory ? "/" : ""), isDirectory: isDirectory))
        }
        return matches.sorted { $0.path < $1.path }
    }
}
