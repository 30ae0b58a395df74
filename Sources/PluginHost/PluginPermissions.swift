#if canImport(Glibc)
import Glibc
#endif

/// Whether a plugin file could have been written by someone else (issue 12.5), checked as ssh
/// checks `authorized_keys`: the file and the folder it is in must be owned by you or root and
/// not writable by everyone (a world-writable folder with the sticky bit, like `/tmp`, is
/// fine: others cannot replace your files there, and files they add fail the owner check).
///
/// Script plugins and trusted external plugins run with the session's connections and
/// secrets, so a problem refuses them; an untrusted external plugin gets no secret and only
/// draws a warning. (docs/plugins.md, "Permissions".)
public enum PluginPermissions {
    /// What is wrong with a path.
    public enum Problem: Sendable, Equatable {
        case worldWritable(path: String)
        case foreignOwner(path: String, uid: UInt32)
    }

    /// The first problem with `path` or its folder, or `nil` when both are safe.
    public static func problem(_ path: String) -> Problem? {
        if let problem = check(path, isFolder: false) { return problem }
        let folder = FileSystem.realPath(FileSystem.dirname(path)) ?? FileSystem.dirname(path)
        return check(folder, isFolder: true)
    }

    private static func check(_ path: String, isFolder: Bool) -> Problem? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }  // gone: running it reports that
        if info.st_uid != 0 && info.st_uid != geteuid() { return .foreignOwner(path: path, uid: info.st_uid) }
        let worldWritable = info.st_mode & S_IWOTH != 0
        let sticky = info.st_mode & S_ISVTX != 0
        if worldWritable && !(isFolder && sticky) { return .worldWritable(path: path) }
        return nil
    }
}
