public import ObjectStore

extension LocalFolderStore {
    public func list(_ options: ListOptions) -> AsyncThrowingStream<ObjectPage, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let entries = try collect(options)
                    let size = options.pageSize > 0 ? options.pageSize : 1000
                    var start = 0
                    repeat {
                        try Task.checkCancellation()
                        let slice = entries[start..<min(start + size, entries.count)]
                        var page = ObjectPage(objects: [])
                        for entry in slice {
                            switch entry.item {
                            case .object(let info): page.objects.append(info)
                            case .prefix(let p): page.commonPrefixes.append(p)
                            }
                        }
                        continuation.yield(page)
                        start += size
                    } while start < entries.count
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// One listing result before paging.
    struct ListEntry {
        enum Item {
            case object(ObjectInfo)
            case prefix(String)
        }
        var sortKey: [UInt8]
        var item: Item
    }

    /// Walks the part of the tree the prefix allows and returns objects and common prefixes in
    /// UTF-8 byte order, as S3 would (start-after applies to keys before grouping).
    ///
    /// Memory is proportional to the entries in scope (the local profile is a small, personal
    /// bucket); a folder wholly inside one common prefix is not walked, only probed for an object.
    func collect(_ options: ListOptions) throws -> [ListEntry] {
        var walker = Walker(
            prefix: Array(options.prefix.utf8), delimiter: options.delimiter.map { Array($0.utf8) } ?? [],
            startAfter: options.startAfter.map { Array($0.utf8) })
        try walker.walk(dir: root, keyPath: [])
        walker.entries.sort { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
        return walker.entries
    }

    /// The recursive listing walk and its filters.
    struct Walker {
        let prefix: [UInt8]
        let delimiter: [UInt8]
        let startAfter: [UInt8]?
        var entries: [ListEntry] = []
        private var seenPrefixes: Set<[UInt8]> = []

        init(prefix: [UInt8], delimiter: [UInt8], startAfter: [UInt8]?) {
            self.prefix = prefix
            self.delimiter = delimiter
            self.startAfter = startAfter
        }

        /// Lists `dir`, whose entries' keys all start with `keyPath`.
        mutating func walk(dir: String, keyPath: [UInt8]) throws {
            for name in try LocalFS.entries(dir) {
                try Task.checkCancellation()
                let path = dir + "/" + String(decoding: name, as: UTF8.self)
                switch LocalKeyCodec.decode(name: name) {
                case .reserved, .invalid, .selfObject:
                    continue  // `%self` is handled with its folder, below
                case .segment(let bytes):
                    guard let status = try LocalFS.entryStatus(path) else { continue }
                    switch status.kind {
                    case .file: try addObject(keyPath + bytes, path: path, status: status)
                    case .directory:
                        let selfPath = path + "/" + LocalKeyCodec.selfName
                        if let s = try LocalFS.status(selfPath), s.kind == .file {
                            try addObject(keyPath + bytes, path: selfPath, status: s)
                        }
                        try folder(path, keyPath: keyPath + bytes + [UInt8(ascii: "/")])
                    case .other: continue
                    }
                case .continuation(let bytes):
                    guard try LocalFS.entryStatus(path)?.kind == .directory else { continue }
                    try folder(path, keyPath: keyPath + bytes)
                }
            }
        }

        /// A folder whose objects' keys all start with `k`: skip, summarise or walk it.
        private mutating func folder(_ path: String, keyPath k: [UInt8]) throws {
            guard k.starts(with: prefix) || prefix.starts(with: k) else { return }
            var wholeFolderAfterStart = true
            if let startAfter, !startAfter.lexicographicallyPrecedes(k) {
                // k ≤ startAfter: only keys extending startAfter's path can come after it.
                guard startAfter.starts(with: k) else { return }
                wholeFolderAfterStart = false
            }
            if wholeFolderAfterStart, k.starts(with: prefix), let common = commonPrefix(of: k) {
                if !seenPrefixes.contains(common), try Self.containsObject(path) {
                    seenPrefixes.insert(common)
                    entries.append(ListEntry(sortKey: common, item: .prefix(String(decoding: common, as: UTF8.self))))
                }
                return
            }
            try walk(dir: path, keyPath: k)
        }

        private mutating func addObject(_ key: [UInt8], path: String, status: LocalFS.Status) throws {
            guard key.starts(with: prefix) else { return }
            if let startAfter, !startAfter.lexicographicallyPrecedes(key) { return }
            if let common = commonPrefix(of: key) {
                if seenPrefixes.insert(common).inserted {
                    entries.append(ListEntry(sortKey: common, item: .prefix(String(decoding: common, as: UTF8.self))))
                }
                return
            }
            let dir = path[..<(path.lastIndex(of: "/") ?? path.startIndex)]
            let name = path[(path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex)...]
            let meta = LocalSidecar.read(dir + "/" + LocalKeyCodec.metaName + "/" + name)
            let etag = meta.flatMap { $0.describes(status) ? $0.etag : nil }
            let info = ObjectInfo(
                key: String(decoding: key, as: UTF8.self), size: status.size,
                lastModified: LocalFolderStore.date(status.mtimeNanos), etag: etag)
            entries.append(ListEntry(sortKey: key, item: .object(info)))
        }

        /// `prefix` + the rest of `key` up to and including the first delimiter after the prefix,
        /// or `nil` when there is no delimiter (or none in that rest).
        private func commonPrefix(of key: [UInt8]) -> [UInt8]? {
            guard !delimiter.isEmpty, key.count >= prefix.count + delimiter.count else { return nil }
            var i = prefix.count
            while i + delimiter.count <= key.count {
                if key[i..<(i + delimiter.count)].elementsEqual(delimiter) { return Array(key[..<(i + delimiter.count)]) }
                i += 1
            }
            return nil
        }

        /// True when the folder holds at least one object below it (its own `%self` is not below it).
        private static func containsObject(_ dir: String) throws -> Bool {
            for name in try LocalFS.entries(dir) {
                let path = dir + "/" + String(decoding: name, as: UTF8.self)
                switch LocalKeyCodec.decode(name: name) {
                case .reserved, .invalid, .selfObject: continue
                case .segment:
                    guard let status = try LocalFS.entryStatus(path) else { continue }
                    if status.kind == .file { return true }
                    if status.kind == .directory {
                        if try LocalFS.status(path + "/" + LocalKeyCodec.selfName)?.kind == .file { return true }
                        if try containsObject(path) { return true }
                    }
                case .continuation:
                    if try containsObject(path) { return true }
                }
            }
            return false
        }
    }
}
