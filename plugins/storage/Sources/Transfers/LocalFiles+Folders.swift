#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LocalFiles {
    /// True when `path` is a folder itself, not a symlink to one (`lstat`).
    static func isRealDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// True when something (a symlink included, even a dangling one) is at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Creates `names` one below the other under `base` (which must exist) and returns the
    /// deepest path; `nil` when one of them exists as anything but a real folder — a symlink
    /// there could point outside `base`, so `download -r` never writes through one.
    static func makeFolders(_ names: some Sequence<String>, under base: String) -> String? {
        var path = base
        for name in names {
            path = join(path, name)
            if mkdir(path, 0o755) != 0 && errno != EEXIST { return nil }
            guard isRealDirectory(path) else { return nil }
        }
        return path
    }
}

extension LocalFiles {
    /// True when `path` is a regular file itself, not a symlink to one (`lstat`): a download
    /// replaces files, never what a link points at.
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }
}
