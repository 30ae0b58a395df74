import FoundationEssentials
public import ObjectStore
public import Testing

/// The behaviour every `ObjectStore` must share with S3, as checks any store's tests can run.
///
/// Usage (one `@Test` per check, so failures name the check):
/// ```swift
/// @Test(arguments: ObjectStoreContract.Check.allCases)
/// func contract(_ check: ObjectStoreContract.Check) async throws {
///     try await ObjectStoreContract.run(check, on: store, scratch: dir, prefix: "run-\(UUID())/")
/// }
/// ```
/// Every check works under `prefix` only and deletes what it wrote, so one bucket can host many
/// parallel and repeated runs.
public enum ObjectStoreContract {
    public enum Check: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case roundTrip, overwrite, byteOrder, pagination, delimiter, startAfter, weirdKeys, pathLikeKeys
        case keyAndFolderTogether, longKeys, delete, deleteBatch, copy, range, largeFile

        public var testDescription: String { rawValue }
    }

    /// What differs between stores.
    public struct Options: Sendable {
        /// Keys with `//`, a leading `/`, `./`, `../` or a trailing `/` (SeaweedFS rewrites them; R2
        /// and the local store keep them).
        public var pathLikeKeys: Bool
        /// Size of the `largeFile` check (≥ the S3 multipart threshold to exercise multipart).
        public var largeFileSize: Int
        /// True when single-part ETags are the MD5 of the content (S3, R2, the local store).
        public var etagIsMD5: Bool
        /// True when listed keys are byte-identical to the uploaded ones (R2 may return NFC).
        public var keysExact: Bool

        /// SeaweedFS is file-system backed and differs from S3/R2 in ways the checks assert
        /// explicitly instead of hiding: listings come in directory-tree order (`a/b` before `a b`),
        /// a `\` in a key is stored as `/`, a key segment over 255 bytes is `KeyTooLongError`, and
        /// start-after/delimiter paging follow the tree.
        public var seaweedFS: Bool
        /// moto keeps key bytes exactly (like R2) but, with a delimiter, drops the common prefix
        /// that `start-after` points into (`s/b/` after `s/b/c`); S3 lists it. Asserted explicitly.
        public var moto: Bool
        /// The store keeps NFC and NFD spellings of one name as two objects (moto; R2 keeps one).
        public var keepsUnicodeForms: Bool

        public init(
            pathLikeKeys: Bool = true, largeFileSize: Int = 12 << 20, etagIsMD5: Bool = true, keysExact: Bool = true,
            seaweedFS: Bool = false, moto: Bool = false, keepsUnicodeForms: Bool = false
        ) {
            self.seaweedFS = seaweedFS
            self.moto = moto
            self.keepsUnicodeForms = keepsUnicodeForms
            self.pathLikeKeys = pathLikeKeys
            self.largeFileSize = largeFileSize
            self.etagIsMD5 = etagIsMD5
            self.keysExact = keysExact
        }
    }

    /// Runs one check. `scratch` is an existing local folder for temporary files.
    public static func run(
        _ check: Check, on store: any ObjectStore, scratch: String, prefix: String, options: Options = Options()
    ) async throws {
        let c = Context(store: store, scratch: scratch, prefix: prefix, options: options)
        defer { c.removeScratch() }
        switch check {
        case .roundTrip: try await c.roundTrip()
        case .overwrite: try await c.overwrite()
        case .byteOrder: try await c.byteOrder()
        case .pagination: try await c.pagination()
        case .delimiter: try await c.delimiter()
        case .startAfter: try await c.startAfter()
        case .weirdKeys:
            if options.seaweedFS {
                try await c.expectBackslashRewritten()
                try await c.keysRoundTrip(ContractKeys.weird.filter { !$0.contains("\\") })
            } else {
                try await c.keysRoundTrip(ContractKeys.weird)
            }
        case .pathLikeKeys:
            if options.pathLikeKeys { try await c.keysRoundTrip(ContractKeys.pathLike) }
            if options.keepsUnicodeForms { try await c.unicodeTwins() }
        case .keyAndFolderTogether: try await c.keyAndFolderTogether()
        case .longKeys:
            var keys = ContractKeys.long(bytes: KeyMapping.maxKeyBytes - prefix.utf8.count - 5)
            if options.seaweedFS {
                keys = keys.filter { $0.split(separator: "/").allSatisfy { $0.utf8.count <= 255 } }
                try await c.expectKeyTooLong(ContractKeys.long(bytes: 600)[1])
            }
            try await c.keysRoundTrip(keys)
        case .delete: try await c.delete()
        case .deleteBatch: try await c.deleteBatch()
        case .copy: try await c.copy()
        case .range: try await c.range()
        case .largeFile: try await c.largeFile()
        }
    }

    /// Deterministic pseudo-random bytes (xorshift), so failures reproduce.
    public static func bytes(count: Int, seed: UInt64) -> [UInt8] {
        var x = seed | 1
        var out = [UInt8](repeating: 0, count: count)
        for i in 0..<count {
            x ^= x << 13
            x ^= x >> 7
            x ^= x << 17
            out[i] = UInt8(truncatingIfNeeded: x)
        }
        return out
    }
}

/// Key sets the contract round-trips (relative to the run's prefix).
public enum ContractKeys {
    /// Keys with characters that break naive encoders: spaces, `+`, `%`, `#`, `?`, `&`, accents
    /// in NFC and NFD, emoji, quotes.
    public static let weird: [String] = [
        "sp ace/a b.txt", "plus+sign.txt", "foto + legenda 100%.jpg", "pct%20literal.txt", "pct%2Fslash.txt",
        "hash#frag.txt", "q?uery=1&x=2.txt", "amp&semi;.txt", "ação/NFC-é.txt", "ac\u{327}a\u{303}o/NFD-e\u{301}.txt",
        "emoji/😀🎉.png", "quote\"s'.txt", "brackets[1]{2}(3)<4>.txt", "tilde~caret^pipe|.txt", "%", "%%",
        "%25", "a%", "star*.txt", "back\\slash.txt", "日本語/ファイル.pdf", "equals=comma,semi;colon:.txt",
    ]

    /// Keys shaped like paths that a file system or SeaweedFS would normalise.
    public static let pathLike: [String] = [
        "a//b.txt", "/leading.txt", "trailing/", "./dot.txt", "../dotdot.txt", "x/./y.txt", "x/../y.txt", ".", "..",
        "dir/.", "dir/..", "dotfile/.env", "%self", "%meta/x", "%tmp-1", "chunk%>",
    ]

    /// Keys of exactly `bytes` UTF-8 bytes (S3's maximum is 1,024): many segments, one single
    /// segment longer than NAME_MAX, multi-byte characters, percent signs.
    public static func long(bytes n: Int) -> [String] {
        func fill(_ unit: String, _ n: Int) -> String {
            var s = ""
            while s.utf8.count + unit.utf8.count <= n { s += unit }
            return s + String(repeating: "z", count: n - s.utf8.count)
        }
        return [
            fill("abcdefg/", n - 1) + "x",
            fill("x", n),
            fill("é", n),
            fill("%", n),
            fill("ab%", n / 2) + "/" + fill("😀", n - n / 2 - 1),
        ]
    }
}
