/// The one place that converts between an object key and the public url the catalog stores.
///
/// **Writing.** By default (`writeStyle` `.r2s`; see `URLStyle` for the catalog's own spelling)
/// r2s writes `publicBase + "/" + key` with every byte of the key percent-encoded
/// except RFC 3986 unreserved characters and the `/` between segments, with uppercase hex:
/// `fichas/foto + legenda 100%.jpg` → `…/fichas/foto%20%2B%20legenda%20100%25.jpg`. The key is
/// encoded as given (not normalised) so the url fetches exactly the stored object.
///
/// **Reading.** `resolve(_:)` accepts that form and the *raw* form the original app wrote
/// (`base + "/" + key` unencoded): `%XX` decodes, a `%` not followed by two hex digits is a
/// literal percent, `+` is a literal plus (never a space: that rule belongs to form-encoding, not
/// to url paths), and `?`/`#` are part of the key (r2s never writes query strings or fragments,
/// and the raw form can contain both). The key comes back in NFC. A raw url whose key contains
/// `%` followed by two hex digits (`100%20.jpg`) is ambiguous; it decodes (to `100 .jpg`).
/// `urlForms(for:)` gives both spellings so exact matching against rows still works.
///
/// A url whose scheme, host (case-insensitive; a port must match as written) or path prefix
/// differs from every base is `.foreign`: never an object of this bucket. The base itself, or a
/// url under it that decodes to no valid key, is `.unparseable`.
public struct KeyMapping: Sendable, Hashable {
    /// What a catalog url means for this bucket.
    public enum Resolution: Sendable, Hashable {
        /// The object key (NFC).
        case key(String)
        /// Not under any public base of this bucket.
        case foreign
        /// Under a public base, but no valid key can be read from it.
        case unparseable(UnparseableReason)
    }

    /// Why a url under the public base does not name a key.
    public enum UnparseableReason: Sendable, Hashable, CustomStringConvertible {
        /// Nothing (or only `/`) after the base.
        case emptyKey
        /// The decoded bytes are not UTF-8.
        case invalidUTF8
        /// The key is longer than S3's 1,024 UTF-8 bytes.
        case tooLong(bytes: Int)

        public var description: String {
            switch self {
            case .emptyKey: "no key after the public base"
            case .invalidUTF8: "the decoded key is not valid UTF-8"
            case .tooLong(let n): "the key is \(n) bytes long (S3 allows 1024)"
            }
        }
    }

    /// S3's limit on key length, in UTF-8 bytes.
    public static let maxKeyBytes = 1024

    /// The base r2s writes, without trailing slashes (`https://pub-x.r2.dev`, `https://cdn.example.com/media`).
    public let publicBase: String
    /// Older bases whose urls still resolve (sync's `--url-base OLD_BASE`), never written.
    public let alternateBases: [String]
    /// How `url(for:)` spells keys for the catalog (`R2S_URL_STYLE`; see `URLStyle`).
    public let writeStyle: URLStyle
    let parsedBases: [BaseURL]

    /// - Parameters:
    ///   - publicBase: `R2_PUBLIC_URL`; trailing slashes are ignored.
    ///   - alternateBases: bases that also resolve (a previous domain, `r2.dev` beside a custom domain).
    ///   - writeStyle: the spelling rows are written in (r2s's encoding unless the catalog uses another).
    public init(publicBase: String, alternateBases: [String] = [], writeStyle: URLStyle = .r2s) {
        let primary = BaseURL(publicBase)
        self.writeStyle = writeStyle
        self.publicBase = primary.text
        var seen: Set<BaseURL> = [primary]
        var alternates: [BaseURL] = []
        for base in alternateBases.map(BaseURL.init) where seen.insert(base).inserted { alternates.append(base) }
        self.alternateBases = alternates.map(\.text)
        self.parsedBases = [primary] + alternates
    }

    // MARK: - Key → url

    /// The url r2s writes into the catalog for `key`: the primary base + `/` + the key in
    /// `writeStyle` (percent-encoded per segment by default). For a link to open, use `link(for:)`.
    public func url(for key: String) -> String {
        guard case .encoded(let spelling) = writeStyle else { return publicBase + "/" + key }
        // One buffer for base, slash and encoded key: sync writes a url per key it reports.
        var out: [UInt8] = []
        out.reserveCapacity(publicBase.utf8.count + key.utf8.count + 16)
        out.append(contentsOf: publicBase.utf8)
        out.append(UInt8(ascii: "/"))
        spelling.append(key, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Every spelling a row may hold for `key`: encoded, raw and `writeStyle`'s, for the key as given and in NFC,
    /// under the primary and every alternate base (deduplicated, primary encoded first). Pass these
    /// to `CatalogStore.records(urls:)`.
    public func urlForms(for key: String) -> [String] {
        var keys = [key]
        let canonical = key.nfc
        if !canonical.utf8.elementsEqual(key.utf8) { keys.append(canonical) }
        var out: [String] = []
        var seen: Set<[UInt8]> = []
        for base in parsedBases {
            for k in keys {
                let spellings = [Self.encodePath(k), k, writeStyle.path(for: k)]
                for url in spellings.map({ base.text + "/" + $0 })
                where seen.insert(Array(url.utf8)).inserted {
                    out.append(url)
                }
            }
        }
        return out
    }

    /// Url prefixes that cover every row whose url resolves to a key starting with `keyPrefix`
    /// (for `RecordQuery.urlPrefixes`). A **superset**: the key prefix is cut before its first
    /// character that has more than one spelling (anything but unreserved ASCII and `/`: a space is
    /// `%20` encoded and ` ` raw, an accent may be NFC or NFD), so the encoded and raw forms share
    /// it; refine the rows with `resolve` afterwards. One prefix per base.
    ///
    /// Not covered: urls that needlessly percent-encode unreserved characters (`%61` for `a`) or
    /// spell the scheme/host in another case than the base.
    public func urlPrefixes(forKeyPrefix keyPrefix: String) -> [String] {
        let safe = keyPrefix.utf8.prefix { PercentCoding.isUnreserved($0) || $0 == UInt8(ascii: "/") }
        let cut = String(decoding: safe, as: UTF8.self)
        return parsedBases.map { $0.text + "/" + cut }
    }

    // MARK: - Url → key

    /// Reads the key a catalog url names (see the type's documentation for the rules).
    public func resolve(_ url: String) -> Resolution {
        if let key = plainKey(url) { return key }
        guard let parts = URLParts(url) else { return .foreign }
        for base in parsedBases where base.scheme == parts.scheme && base.authority == parts.authority {
            let path = PercentCoding.decodeLenient(parts.path)
            let head = base.decodedPath + [UInt8(ascii: "/")]
            if path == base.decodedPath { return .unparseable(.emptyKey) }  // the base itself
            guard path.starts(with: head) else { continue }
            let keyBytes = Array(path[head.count...])
            if keyBytes.isEmpty { return .unparseable(.emptyKey) }
            guard let raw = PercentCoding.string(fromUTF8: keyBytes) else { return .unparseable(.invalidUTF8) }
            let key = raw.nfc
            if key.utf8.count > Self.maxKeyBytes { return .unparseable(.tooLong(bytes: key.utf8.count)) }
            return .key(key)
        }
        return .foreign
    }

    /// `resolve` for the common row: the primary base as configured, `/`, then a key part
    /// without `%` (nothing to decode, so the key is those bytes). The rules give the same key
    /// as the general path — the primary base is tried first there too, and a literal prefix has
    /// the same scheme, authority and decoded path — without the url's parts and byte arrays.
    /// `nil`: take the general path.
    private func plainKey(_ url: String) -> Resolution? {
        guard let primary = parsedBases.first, !primary.scheme.isEmpty else { return nil }
        let bytes = url.utf8, head = primary.text.utf8
        guard bytes.count > head.count + 1, bytes.starts(with: head) else { return nil }
        let slash = bytes.index(bytes.startIndex, offsetBy: head.count)
        let start = bytes.index(after: slash)
        guard bytes[slash] == UInt8(ascii: "/"), !bytes[start...].contains(UInt8(ascii: "%")) else { return nil }
        // After an ASCII `/` the url's own bytes are valid UTF-8 as they are (sliced as bytes:
        // a String slice would round down to a Character boundary before a combining mark).
        let key = String(decoding: bytes[start...], as: UTF8.self).nfc
        if key.utf8.count > Self.maxKeyBytes { return .unparseable(.tooLong(bytes: key.utf8.count)) }
        return .key(key)
    }

    /// The base (primary or alternate, as configured) `url` lies under, or `nil` when foreign.
    public func base(of url: String) -> String? {
        guard let parts = URLParts(url) else { return nil }
        let path = PercentCoding.decodeLenient(parts.path)
        return parsedBases.first { b in
            b.scheme == parts.scheme && b.authority == parts.authority
                && path.starts(with: b.decodedPath + [UInt8(ascii: "/")])
        }?.text
    }

    // MARK: - Helpers

    /// The form keys are compared in: NFC (R2 normalises keys to NFC; canonically equal keys are
    /// one object). Compare the UTF-8 bytes of canonical keys, not `String ==`.
    public static func canonicalKey(_ key: String) -> String { key.nfc }

    /// Percent-encodes a key for a url path: everything but unreserved characters and `/`.
    public static func encodePath(_ key: String) -> String {
        PercentCoding.encode(key) { $0 == UInt8(ascii: "/") }
    }
}
