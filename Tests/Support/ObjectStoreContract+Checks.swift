import FoundationEssentials
import ObjectStore
import Synchronization
import Testing

extension ObjectStoreContract {
    /// One check's store, prefix and scratch folder.
    struct Context {
        let store: any ObjectStore
        let scratch: String
        let prefix: String
        let options: Options
        let dir: String

        init(store: any ObjectStore, scratch: String, prefix: String, options: Options) {
            self.store = store
            self.scratch = scratch
            self.prefix = prefix
            self.options = options
            dir = scratch + "/contract-" + String(UInt64.random(in: 0 ... .max), radix: 36)
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }

        func removeScratch() { try? FileManager.default.removeItem(atPath: dir) }

        // MARK: Helpers

        func file(_ bytes: [UInt8]) throws -> String {
            let path = dir + "/up-" + String(UInt64.random(in: 0 ... .max), radix: 36)
            try Data(bytes).write(to: URL(filePath: path))
            return path
        }

        func read(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(filePath: path))) }

        @discardableResult
        func put(_ key: String, _ bytes: [UInt8], type: String = "application/octet-stream") async throws -> ObjectInfo {
            try await store.upload(try file(bytes), to: prefix + key, contentType: type, progress: nil)
        }

        func get(_ key: String, range: ClosedRange<Int64>? = nil) async throws -> [UInt8] {
            let path = dir + "/down-" + String(UInt64.random(in: 0 ... .max), radix: 36)
            try await store.download(prefix + key, to: path, range: range, progress: nil)
            return try read(path)
        }

        func list(_ sub: String = "", delimiter: String? = nil, startAfter: String? = nil, pageSize: Int = 1000)
            async throws -> (objects: [String], prefixes: [String], pages: [ObjectPage])
        {
            let options = ListOptions(
                prefix: prefix + sub, delimiter: delimiter, startAfter: startAfter.map { prefix + $0 },
                pageSize: pageSize)
            var pages: [ObjectPage] = []
            for try await page in store.list(options) { pages.append(page) }
            let strip = { (s: String) in String(decoding: s.utf8.dropFirst(prefix.utf8.count), as: UTF8.self) }
            return (
                pages.flatMap(\.objects).map { strip($0.key) }, pages.flatMap(\.commonPrefixes).map(strip), pages
            )
        }

        func clean(_ keys: [String]) async throws {
            let failures = try await store.delete(keys: keys.map { prefix + $0 })
            #expect(failures.isEmpty, "cleanup failed: \(failures)")
        }

        /// The order the store lists `keys` in: S3 byte order, or SeaweedFS's directory-tree order
        /// (segment lists compared bytewise, so `a`, `a/b` come before `a b`).
        func listingOrder(_ keys: [String]) -> [String] {
            guard options.seaweedFS else { return Self.sortedBytes(keys) }
            return keys.sorted { a, b in
                let sa = a.split(separator: "/", omittingEmptySubsequences: false).map { Array($0.utf8) }
                let sb = b.split(separator: "/", omittingEmptySubsequences: false).map { Array($0.utf8) }
                return sa.lexicographicallyPrecedes(sb) { $0.lexicographicallyPrecedes($1) }
            }
        }

        /// SeaweedFS stores `\` as `/`: the object is reachable under the rewritten key only.
        func expectBackslashRewritten() async throws {
            try await put("bs/back\\slash.txt", [7])
            #expect(try await list("bs/").objects == ["bs/back/slash.txt"])
            try await clean(["bs/back/slash.txt"])
        }

        /// SeaweedFS refuses a single key segment longer than 255 bytes (R2 takes 1,024).
        func expectKeyTooLong(_ key: String) async throws {
            await #expect(throws: (any Error).self) { try await put("long/" + key, [1]) }
        }

        static func sortedBytes(_ keys: [String]) -> [String] {
            keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }

        // MARK: Checks

        func roundTrip() async throws {
            let content = ObjectStoreContract.bytes(count: 1000, seed: 1)
            let put = try await self.put("rt/doc.pdf", content, type: "application/pdf")
            #expect(put.size == 1000)
            let head = try #require(try await store.head(prefix + "rt/doc.pdf"))
            #expect(head.key == prefix + "rt/doc.pdf")
            #expect(head.size == 1000)
            #expect(head.contentType == "application/pdf")
            #expect(head.lastModified != nil)
            if options.etagIsMD5 { #expect(head.etag == MD5.hex(of: content)) }
            #expect(try await get("rt/doc.pdf") == content)
            #expect(try await store.head(prefix + "rt/missing.pdf") == nil)
            #expect(try await store.head(prefix + "rt") == nil, "a folder is not an object")
            let listed = try await list("rt/")
            #expect(listed.objects == ["rt/doc.pdf"])
            if let first = listed.pages.first?.objects.first {
                #expect(first.size == 1000)
                if options.etagIsMD5 { #expect(first.etag == MD5.hex(of: content)) }
            }
            // Empty objects exist too.
            try await self.put("rt/empty.txt", [], type: "text/plain")
            #expect(try await store.head(prefix + "rt/empty.txt")?.size == 0)
            #expect(try await get("rt/empty.txt") == [])
            try await clean(["rt/doc.pdf", "rt/empty.txt"])
            #expect(try await list("rt/").objects.isEmpty)
        }

        func overwrite() async throws {
            try await put("ow/x.txt", Array("first".utf8), type: "text/plain")
            try await put("ow/x.txt", Array("second, longer".utf8), type: "text/markdown")
            let head = try #require(try await store.head(prefix + "ow/x.txt"))
            #expect(head.size == 14)
            #expect(head.contentType == "text/markdown")
            #expect(try await get("ow/x.txt") == Array("second, longer".utf8))
            #expect(try await list("ow/").objects == ["ow/x.txt"])
            try await clean(["ow/x.txt"])
        }

        func byteOrder() async throws {
            let keys = [
                "o/a", "o/B", "o/-", "o/é", "o/z", "o/a/b", "o/a-b", "o/~", "o/Z", "o/0", "o/😀", "o/日", "o/a b",
                "o/ab", "o/a+",
            ]
            for k in keys { try await put(k, [1]) }
            let listed = try await list("o/")
            #expect(listed.objects == listingOrder(keys))
            try await clean(keys)
        }

        func pagination() async throws {
            let keys = (0..<7).map { "pg/k\($0)" } + ["pg/sub/a", "pg/sub/b"]
            for k in keys { try await put(k, [UInt8(k.utf8.count)]) }
            for size in [1, 2, 3, 1000] {
                let listed = try await list("pg/", pageSize: size)
                #expect(listed.objects == listingOrder(keys), "page size \(size)")
                #expect(listed.pages.allSatisfy { $0.objects.count + $0.commonPrefixes.count <= size })
                #expect(listed.pages.count == (keys.count + size - 1) / size, "page size \(size)")
            }
            try await clean(keys)
        }

        func delimiter() async throws {
            let keys = ["d/a", "d/b/c", "d/b/d", "d/e/f/g", "d/z", "d/b-", "d/b"]
            for k in keys { try await put(k, [1]) }
            let listed = try await list("d/", delimiter: "/")
            #expect(listed.objects == ["d/a", "d/b", "d/b-", "d/z"])
            #expect(listed.prefixes == ["d/b/", "d/e/"])
            // Prefix not ending at a slash: `d/b` covers `d/b`, `d/b-` and the folder `d/b/`.
            let partial = try await list("d/b", delimiter: "/")
            #expect(partial.objects == ["d/b", "d/b-"])
            #expect(partial.prefixes == ["d/b/"])
            // Short pages still deliver everything, each common prefix once.
            let paged = try await list("d/", delimiter: "/", pageSize: 1)
            #expect(paged.objects == listed.objects)
            #expect(paged.prefixes == listed.prefixes)
            if !options.seaweedFS { #expect(paged.pages.count == 6) }
            // Without a delimiter everything is flat.
            #expect(try await list("d/").objects == listingOrder(keys))
            try await clean(keys)
        }

        func startAfter() async throws {
            let keys = ["s/a", "s/b/c", "s/b/d", "s/c", "s/d/e"]
            for k in keys { try await put(k, [1]) }
            #expect(try await list("s/", startAfter: "s/b/c").objects == ["s/b/d", "s/c", "s/d/e"])
            if !options.seaweedFS {
                // S3: every key after "s/b" in byte order; SeaweedFS skips the whole "s/b" entry, folder included.
                #expect(try await list("s/", startAfter: "s/b").objects == ["s/b/c", "s/b/d", "s/c", "s/d/e"])
            }
            #expect(try await list("s/", startAfter: "s/zzz").objects == [])
            #expect(try await list("s/", startAfter: "s/").objects == keys)
            let grouped = try await list("s/", delimiter: "/", startAfter: "s/b/c")
            #expect(grouped.objects == ["s/c"])
            #expect(grouped.prefixes == (options.moto ? ["s/d/"] : ["s/b/", "s/d/"]))
            try await clean(keys)
        }

        func keysRoundTrip(_ keys: [String]) async throws {
            let sub = "keys/"
            for (i, k) in keys.enumerated() {
                let content = Array("content \(i)".utf8)
                try await put(sub + k, content, type: "text/plain")
                #expect(try await store.head(prefix + sub + k)?.size == Int64(content.count), "head \(k)")
                #expect(try await get(sub + k) == content, "get \(k)")
            }
            let listed = try await list(sub)
            #expect(listed.objects == listingOrder(listed.objects), "listing is in the store's order")
            let expected = keys.map { sub + $0 }
            if options.keysExact {
                #expect(listed.objects == listingOrder(expected))
            } else {
                #expect(Set(listed.objects.map(KeyMapping.canonicalKey)) == Set(expected.map(KeyMapping.canonicalKey)))
            }
            #expect(listed.objects.count == keys.count)
            try await clean(keys.map { sub + $0 })
            #expect(try await list(sub).objects.isEmpty)
        }

        /// NFC and NFD spellings of one name are two objects with their own content, each
        /// listed, read and deleted by its exact bytes (a byte-exact server; R2 folds them).
        func unicodeTwins() async throws {
            let nfc = "twins/caf\u{E9}.txt", nfd = "twins/cafe\u{301}.txt"
            try await put(nfc, Array("nfc".utf8))
            try await put(nfd, Array("nfd + more".utf8))
            #expect(try await get(nfc) == Array("nfc".utf8))
            #expect(try await get(nfd) == Array("nfd + more".utf8))
            let listed = try await list("twins/").objects.map { Array($0.utf8) }
            #expect(listed.count == 2)
            #expect(Set(listed) == Set([Array(nfc.utf8), Array(nfd.utf8)]))
            try await store.delete(prefix + nfd)
            #expect(try await get(nfc) == Array("nfc".utf8), "deleting the NFD object keeps the NFC one")
            try await clean([nfc])
        }

        func keyAndFolderTogether() async throws {
            // S3 allows an object `a` and objects under `a/` at once, in either order of creation.
            try await put("kf/a", Array("file a".utf8))
            try await put("kf/a/b", Array("file a/b".utf8))
            try await put("kf/c/d", Array("file c/d".utf8))
            try await put("kf/c", Array("file c".utf8))
            #expect(try await get("kf/a") == Array("file a".utf8))
            #expect(try await get("kf/c") == Array("file c".utf8))
            #expect(try await get("kf/a/b") == Array("file a/b".utf8))
            #expect(try await list("kf/").objects == ["kf/a", "kf/a/b", "kf/c", "kf/c/d"])
            let grouped = try await list("kf/", delimiter: "/")
            #expect(grouped.objects == ["kf/a", "kf/c"])
            #expect(grouped.prefixes == ["kf/a/", "kf/c/"])
            try await store.delete(prefix + "kf/a")
            #expect(try await list("kf/").objects == ["kf/a/b", "kf/c", "kf/c/d"])
            try await clean(["kf/a/b", "kf/c", "kf/c/d"])
            #expect(try await list("kf/").objects.isEmpty)
        }

        func delete() async throws {
            try await put("del/x", [1, 2, 3])
            try await store.delete(prefix + "del/x")
            #expect(try await store.head(prefix + "del/x") == nil)
            try await store.delete(prefix + "del/x")  // missing: not an error
            try await store.delete(prefix + "del/never/existed")
            #expect(try await list("del/").objects.isEmpty)
        }

        func deleteBatch() async throws {
            let keys = (0..<5).map { "db/\($0) ç+%.txt" }
            for k in keys { try await put(k, [1]) }
            let failures = try await store.delete(keys: keys.map { prefix + $0 } + [prefix + "db/missing"])
            #expect(failures.isEmpty)
            #expect(try await list("db/").objects.isEmpty)
            #expect(try await store.delete(keys: []).isEmpty)
        }

        func copy() async throws {
            let content = ObjectStoreContract.bytes(count: 5000, seed: 2)
            try await put("cp/src é.png", content, type: "image/png")
            try await store.copy(from: prefix + "cp/src é.png", to: prefix + "cp/dst/copy + 1.png")
            let head = try #require(try await store.head(prefix + "cp/dst/copy + 1.png"))
            #expect(head.contentType == "image/png")
            #expect(head.size == 5000)
            #expect(try await get("cp/dst/copy + 1.png") == content)
            #expect(try await get("cp/src é.png") == content, "the source stays")
            await #expect(throws: (any Error).self) {
                try await store.copy(from: prefix + "cp/missing", to: prefix + "cp/other")
            }
            try await clean(["cp/src é.png", "cp/dst/copy + 1.png"])
        }

        func range() async throws {
            let content = ObjectStoreContract.bytes(count: 100, seed: 3)
            try await put("rg/r.bin", content)
            #expect(try await get("rg/r.bin", range: 10...19) == Array(content[10...19]))
            #expect(try await get("rg/r.bin", range: 0...0) == [content[0]])
            #expect(try await get("rg/r.bin", range: 90...1000) == Array(content[90...]), "end clamped")
            await #expect(throws: (any Error).self) { _ = try await get("rg/r.bin", range: 100...200) }
            await #expect(throws: (any Error).self) { _ = try await get("rg/missing.bin") }
            try await clean(["rg/r.bin"])
        }

        func largeFile() async throws {
            let content = ObjectStoreContract.bytes(count: options.largeFileSize, seed: 4)
            let path = try file(content)
            let last = ProgressBox()
            try await store.upload(path, to: prefix + "big/large.bin", contentType: "application/zip") { done, total in
                last.set(done, total)
            }
            #expect(last.value.done == Int64(content.count))
            let head = try #require(try await store.head(prefix + "big/large.bin"))
            #expect(head.size == Int64(content.count))
            #expect(head.contentType == "application/zip")
            let downloaded = try await get("big/large.bin")
            #expect(downloaded.count == content.count)
            #expect(downloaded == content)
            try await clean(["big/large.bin"])
        }
    }
}

/// Last progress report (progress callbacks are `@Sendable`).
final class ProgressBox: Sendable {
    private let state = Mutex((done: Int64(0), total: Int64?.none))
    func set(_ done: Int64, _ total: Int64?) { state.withLock { $0 = (done, total) } }
    var value: (done: Int64, total: Int64?) { state.withLock { $0 } }
}
