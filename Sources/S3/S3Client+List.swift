public import ObjectStore
internal import SigV4
import Synchronization

/// Where a listing stands between pages.
enum ListCursor: Sendable {
    case start
    case next(String)
    case done
}

/// A Sendable home for the cursor (a Mutex cannot be captured by an escaping closure directly).
final class ListState: Sendable {
    let cursor = Mutex<ListCursor>(.start)
}

extension S3Client {
    /// ListObjectsV2 as a stream of pages. Always asks for `encoding-type=url` (XML cannot carry
    /// every key byte) and form-decodes the keys back. Pages may be short or even empty while
    /// more remain: the stream ends only on `IsTruncated=false`; a truncated page without a
    /// continuation token is an error, never an end.
    ///
    /// Pull-based: a page is fetched when the consumer asks for it, inside the consumer's task,
    /// so memory stays at one page and cancelling the consumer cancels the request in flight.
    public func list(_ options: ListOptions) -> AsyncThrowingStream<ObjectPage, any Error> {
        Self.pages { token in try await self.listPage(options, continuationToken: token) }
    }

    /// The paging loop, separate from the HTTP call so it can be tested with scripted pages:
    /// `fetch(token)` returns a page and the next token (nil = listing complete).
    static func pages(
        _ fetch: @escaping @Sendable (String?) async throws -> (page: ObjectPage, next: String?)
    ) -> AsyncThrowingStream<ObjectPage, any Error> {
        let state = ListState()
        return AsyncThrowingStream<ObjectPage, any Error> {
            let token: String?
            switch state.cursor.withLock({ $0 }) {
            case .done: return nil
            case .start: token = nil
            case .next(let t): token = t
            }
            do {
                let (page, next) = try await fetch(token)
                state.cursor.withLock { $0 = next.map { .next($0) } ?? .done }
                return page
            } catch {
                state.cursor.withLock { $0 = .done }
                throw error
            }
        }
    }

    /// One ListObjectsV2 call. Returns the page and the next continuation token (nil when done).
    func listPage(_ options: ListOptions, continuationToken: String?) async throws -> (page: ObjectPage, next: String?) {
        var op = operation("ListObjectsV2", "GET")
        op.query = [SigV4Field("list-type", "2"), SigV4Field("encoding-type", "url")]
        op.query.append(SigV4Field("max-keys", String(min(max(options.pageSize, 1), 1000))))
        if !options.prefix.isEmpty { op.query.append(SigV4Field("prefix", options.prefix)) }
        if let d = options.delimiter, !d.isEmpty { op.query.append(SigV4Field("delimiter", d)) }
        if let token = continuationToken {
            op.query.append(SigV4Field("continuation-token", token))
        } else if let start = options.startAfter, !start.isEmpty {
            op.query.append(SigV4Field("start-after", start))
        }
        let response = try await sendChecked(op)
        let root = try parseXML(response, op)
        guard root.name == "ListBucketResult" else {
            throw S3Error(.invalidResponse("expected ListBucketResult, got \(root.name)"), operation: op.name)
        }
        return try ListResult.decode(root, operation: op.name)
    }
}

/// Decoding of a ListBucketResult document.
enum ListResult {
    static func decode(_ root: XMLNode, operation: String) throws(S3Error) -> (page: ObjectPage, next: String?) {
        // Keys are URL-encoded only when the server honoured encoding-type=url.
        let encoded = root.value("EncodingType")?.lowercased() == "url"
        func key(_ raw: String) -> String { encoded ? FormDecoding.decode(raw) : raw }

        var objects: [ObjectInfo] = []
        objects.reserveCapacity(root.children.count)
        for node in root.children where node.name == "Contents" {
            guard let rawKey = node.value("Key"), let size = node.value("Size").flatMap({ Int64($0) }) else {
                throw S3Error(.invalidResponse("a Contents entry lacks Key or Size"), operation: operation)
            }
            objects.append(ObjectInfo(
                key: key(rawKey), size: size, lastModified: node.value("LastModified").flatMap(S3Dates.parseISO8601),
                etag: node.value("ETag").map(ETag.unquote)))
        }
        let prefixes = root.children("CommonPrefixes").compactMap { $0.value("Prefix").map(key) }
        let truncated = root.value("IsTruncated")?.lowercased() == "true"
        var next: String?
        if truncated {
            guard let token = root.value("NextContinuationToken"), !token.isEmpty else {
                throw S3Error(
                    .invalidResponse("listing is truncated but has no continuation token"), operation: operation)
            }
            next = token
        }
        return (ObjectPage(objects: objects, commonPrefixes: prefixes), next)
    }
}

/// ETag helpers.
enum ETag {
    /// `"abc"` → `abc` (also `W/"abc"`).
    static func unquote(_ raw: String) -> String {
        // ASCII (every ETag in practice): cut on bytes, without walking Characters.
        let b = raw.utf8
        if b.allSatisfy({ $0 < 0x80 }) {
            var lo = b.startIndex, hi = b.endIndex
            if b.starts(with: "W/".utf8) { lo = b.index(lo, offsetBy: 2) }
            let n = b.distance(from: lo, to: hi)
            if n >= 2, b[lo] == UInt8(ascii: "\""), b[b.index(before: hi)] == UInt8(ascii: "\"") {
                lo = b.index(after: lo)
                hi = b.index(before: hi)
            }
            return String(raw[lo..<hi])
        }
        var s = Substring(raw)
        if s.hasPrefix("W/") { s = s.dropFirst(2) }
        if s.hasPrefix("\""), s.hasSuffix("\""), s.count >= 2 { s = s.dropFirst().dropLast() }
        return String(s)
    }
}
