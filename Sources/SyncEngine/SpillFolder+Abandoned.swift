import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension SpillFolder {
    /// Spill folders are named `r2s-spill-<pid>-XXXXXX`.
    static let namePrefix = "r2s-spill-"

    /// How long an abandoned folder is left alone: a run's folder changes whenever a partition's
    /// file is written or removed, so an older one whose process is gone is not in use.
    static let abandonedAfter: Int = 600

    /// Removes the spill folders in `base` left by processes that no longer exist on this host
    /// (killed before they could remove them: SIGKILL, a crash, a machine reboot), owned by this
    /// user and untouched for `abandonedAfter` seconds. Another user's folders, a live process's,
    /// and names of any other shape are left alone. Best effort: failures are ignored.
    static func removeAbandoned(in base: String) {
        guard let dir = opendir(base) else { return }
        var abandoned: [String] = []
        let now = time(nil)
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            guard name.hasPrefix(namePrefix) else { continue }
            let rest = name.dropFirst(namePrefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0, pid != getpid() else { continue }
            // Alive (or not ours to signal: then not ours to remove either).
            if kill(pid, 0) == 0 || errno != ESRCH { continue }
            var info = stat()
            let path = base + "/" + name
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == getuid() else { continue }
            #if canImport(Glibc)
                let changed = info.st_mtim.tv_sec
            #else
                let changed = info.st_mtimespec.tv_sec
            #endif
            guard now - changed > abandonedAfter else { continue }
            abandoned.append(path)
        }
        closedir(dir)
        for path in abandoned { removeFolder(path) }
    }
}
