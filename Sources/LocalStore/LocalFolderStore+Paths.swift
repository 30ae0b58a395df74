import ObjectStore

/// Where one object's data and sidecar live.
struct LocalLocation {
    /// The folder holding the data file.
    var dir: String
    /// The data file's name in `dir` (an encoded segment, or `%self`).
    var name: String
    var path: String { dir + "/" + name }
    var metaPath: String { dir + "/" + LocalKeyCodec.metaName + "/" + name }
}

extension LocalFolderStore {
    /// The data file of an existing object, or `nil` (nothing there, or only a folder).
    func locate(_ key: String) throws -> LocalLocation? {
        let components = LocalKeyCodec.components(of: key)
        guard let last = components.last else { return nil }
        let dir = ([root] + components.dropLast()).joined(separator: "/")
        guard let status = try LocalFS.status(dir + "/" + last) else { return nil }
        switch status.kind {
        case .file: return LocalLocation(dir: dir, name: last)
        case .directory:
            let inner = LocalLocation(dir: dir + "/" + last, name: LocalKeyCodec.selfName)
            return try LocalFS.status(inner.path)?.kind == .file ? inner : nil
        case .other: return nil
        }
    }

    /// The location to write `key` to, creating its folders. A file standing where a folder is
    /// needed (object `a` when writing `a/b`) moves to `a/%self` first.
    func prepare(_ key: String) throws -> LocalLocation {
        let components = LocalKeyCodec.components(of: key)
        var dir = root
        for component in components.dropLast() {
            let path = dir + "/" + component
            if let status = try LocalFS.status(path), status.kind == .file {
                try moveIntoSelf(parent: dir, name: component)
            }
            try LocalFS.makeDirectory(path)
            dir = path
        }
        let last = components.last ?? "%"
        if try LocalFS.status(dir + "/" + last)?.kind == .directory {
            return LocalLocation(dir: dir + "/" + last, name: LocalKeyCodec.selfName)
        }
        return LocalLocation(dir: dir, name: last)
    }

    /// Turns the object file `parent/name` into the folder `parent/name` holding it as `%self`.
    private func moveIntoSelf(parent: String, name: String) throws {
        let old = LocalLocation(dir: parent, name: name)
        let parked = parent + "/" + LocalFS.tempName()
        try LocalFS.rename(old.path, parked)
        try LocalFS.makeDirectory(old.path)
        let moved = LocalLocation(dir: old.path, name: LocalKeyCodec.selfName)
        try LocalFS.rename(parked, moved.path)
        if try LocalFS.status(old.metaPath) != nil {
            try LocalFS.makeDirectory(old.path + "/" + LocalKeyCodec.metaName)
            try LocalFS.rename(old.metaPath, moved.metaPath)
        }
    }

    /// After a delete: removes folders left empty (and their empty `%meta`), up to the root.
    func prune(from dir: String) {
        var current = dir
        while current.utf8.count > root.utf8.count, current.hasBytePrefix(root + "/") {
            _ = LocalFS.removeEmptyDirectory(current + "/" + LocalKeyCodec.metaName)
            guard LocalFS.removeEmptyDirectory(current) else { return }
            guard let slash = current.lastIndex(of: "/") else { return }
            current = String(current[..<slash])
        }
        _ = LocalFS.removeEmptyDirectory(root + "/" + LocalKeyCodec.metaName)
    }

    /// `mkdir -p`.
    static func makeDirectories(_ path: String) throws {
        var partial = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            partial += "/" + component
            try LocalFS.makeDirectory(partial)
        }
    }
}
