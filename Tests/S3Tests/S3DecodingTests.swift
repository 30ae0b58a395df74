import FoundationEssentials
import ObjectStore
import Synchronization
import Testing

@testable import S3

@Suite struct S3DecodingTests {
    @Test func formDecodingTreatsPlusAsSpace() {
        #expect(FormDecoding.decode("a+b%2Bc%20d%25e") == "a b+c d%e")
        #expect(FormDecoding.decode("caf%C3%A9") == "café")
        #expect(FormDecoding.decode("100%") == "100%")
        #expect(FormDecoding.decode("%zz%4") == "%zz%4")
        #expect(FormDecoding.decode("plain") == "plain")
    }

    @Test func listPageDecodesURLEncodedKeys() throws {
        let doc = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>b</Name><EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>
              <NextContinuationToken>tok/+=</NextContinuationToken>
              <Contents><Key>dir%2Fmy+file%2B1.txt</Key><LastModified>2009-10-12T17:50:30.000Z</LastModified>
                <ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag><Size>434234</Size></Contents>
              <CommonPrefixes><Prefix>photos+2024%2F</Prefix></CommonPrefixes>
            </ListBucketResult>
            """
        let (page, next) = try ListResult.decode(XMLParser.parse(Array(doc.utf8)), operation: "t")
        #expect(next == "tok/+=")
        #expect(page.objects.count == 1)
        let o = try #require(page.objects.first)
        #expect(o.key == "dir/my file+1.txt")
        #expect(o.size == 434_234)
        #expect(o.etag == "fba9dede5f27731c9771645a39863328")
        #expect(o.lastModified == Date(timeIntervalSince1970: 1_255_369_830))
        #expect(page.commonPrefixes == ["photos 2024/"])
    }

    @Test func incompleteUploadsDecodeWithMarkers() throws {
        let doc = """
            <ListMultipartUploadsResult><EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>
            <NextKeyMarker>big+file%2B1.bin</NextKeyMarker><NextUploadIdMarker>u2</NextUploadIdMarker>
            <Upload><Key>big+file%2B1.bin</Key><UploadId>u2</UploadId><Initiated>2026-01-02T03:04:05.000Z</Initiated></Upload>
            </ListMultipartUploadsResult>
            """
        let (uploads, next) = try IncompleteUploadsResult.decode(XMLParser.parse(Array(doc.utf8)), operation: "t")
        #expect(uploads.map(\.key) == ["big file+1.bin"])
        #expect(uploads.map(\.uploadID) == ["u2"])
        #expect(uploads.first?.initiated != nil)
        #expect(next?.key == "big file+1.bin" && next?.id == "u2")
        let broken = "<ListMultipartUploadsResult><IsTruncated>true</IsTruncated></ListMultipartUploadsResult>"
        #expect(throws: S3Error.self) { try IncompleteUploadsResult.decode(XMLParser.parse(Array(broken.utf8)), operation: "t") }
    }

    @Test func keysAreNotDecodedWithoutEncodingType() throws {
        let doc = "<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>a+b%20</Key><Size>1</Size></Contents></ListBucketResult>"
        let (page, next) = try ListResult.decode(XMLParser.parse(Array(doc.utf8)), operation: "t")
        #expect(page.objects.map(\.key) == ["a+b%20"] && next == nil)
    }

    @Test func truncatedWithoutTokenIsAnErrorNotTheEnd() throws {
        let doc = "<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>"
        #expect(throws: S3Error.self) { _ = try ListResult.decode(XMLParser.parse(Array(doc.utf8)), operation: "t") }
        let empty = "<ListBucketResult><IsTruncated>true</IsTruncated><NextContinuationToken>x</NextContinuationToken></ListBucketResult>"
        let (page, next) = try ListResult.decode(XMLParser.parse(Array(empty.utf8)), operation: "t")
        #expect(page.objects.isEmpty && next == "x")
    }

    @Test func pagingContinuesThroughShortAndEmptyPagesUntilTheEnd() async throws {
        // Scripted pages: sizes 2, 0, 1, 2 — only the last says "complete".
        let script: [(ObjectPage, String?)] = [
            (ObjectPage(objects: [.init(key: "a", size: 1), .init(key: "b", size: 1)]), "t1"),
            (ObjectPage(objects: []), "t2"),
            (ObjectPage(objects: [.init(key: "c", size: 1)]), "t3"),
            (ObjectPage(objects: [.init(key: "d", size: 1), .init(key: "e", size: 1)]), nil),
        ]
        let tokens = Mutex<[String?]>([])
        let stream = S3Client.pages { token in
            let index = tokens.withLock { t in
                t.append(token)
                return t.count - 1
            }
            return script[index]
        }
        var keys: [String] = []
        for try await page in stream { keys += page.objects.map(\.key) }
        #expect(keys == ["a", "b", "c", "d", "e"])
        #expect(tokens.withLock { $0 } == [nil, "t1", "t2", "t3"])
    }

    @Test func pagingFailurePartWayThrows() async throws {
        struct Boom: Error {}
        let calls = Mutex(0)
        let stream = S3Client.pages { _ in
            let n = calls.withLock { c in
                c += 1
                return c
            }
            if n == 2 { throw Boom() }
            return (ObjectPage(objects: [.init(key: "k\(n)", size: 1)]), "more")
        }
        var seen = 0
        await #expect(throws: Boom.self) {
            for try await page in stream { seen += page.objects.count }
        }
        #expect(seen == 1)
    }

    @Test func deleteResultFailures() throws {
        let doc = """
            <DeleteResult><Deleted><Key>ok</Key></Deleted>
            <Error><Key>a &amp; b</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>
            </DeleteResult>
            """
        #expect(S3Client.keyFailures(try XMLParser.parse(Array(doc.utf8)))
            == [KeyFailure(key: "a & b", code: "AccessDenied", message: "Access Denied")])
    }

    @Test("ETags lose their quotes and a weak W/ prefix, nothing else")
    func etagUnquote() {
        let cases = [
            ("\"abc\"", "abc"), ("W/\"abc\"", "abc"), ("abc", "abc"), ("\"", "\""), ("\"\"", ""), ("W/", ""),
            ("\"a\"b", "\"a\"b"), ("\"é\"", "é"), ("\"e\u{301}\"", "e\u{301}"), ("W/abc", "abc"),
        ]
        for (raw, expected) in cases { #expect(Array(ETag.unquote(raw).utf8) == Array(expected.utf8), "\(raw)") }
    }

    @Test func dates() {
        #expect(S3Dates.parseISO8601("2009-10-12T17:50:30.000Z") == Date(timeIntervalSince1970: 1_255_369_830))
        #expect(S3Dates.parseISO8601("2024-02-29T00:00:00Z") == Date(timeIntervalSince1970: 1_709_164_800))
        #expect(S3Dates.parseISO8601("2024-02-29T00:00:00.5Z") == Date(timeIntervalSince1970: 1_709_164_800.5))
        #expect(S3Dates.parseISO8601("2024-13-01T00:00:00Z") == nil)
        #expect(S3Dates.parseISO8601("garbage") == nil)
        #expect(S3Dates.parseHTTPDate("Mon, 12 Oct 2009 17:50:30 GMT") == Date(timeIntervalSince1970: 1_255_369_830))
        #expect(S3Dates.parseHTTPDate("12 Oct 2009") == nil)
    }

    @Test func etags() {
        #expect(ETag.unquote("\"abc\"") == "abc")
        #expect(ETag.unquote("W/\"abc-3\"") == "abc-3")
        #expect(ETag.unquote("abc") == "abc")
    }

    @Test func partSizes() {
        let mib: Int64 = 1 << 20
        #expect(S3Client.partSize(for: 100 * mib, preferred: 16 * mib) == 16 * mib)
        #expect(S3Client.partSize(for: 100 * mib, preferred: 1 * mib) == 5 * mib)
        // 200 GiB at 16 MiB would be 12,800 parts: raised to a whole MiB that fits in 10,000.
        let big: Int64 = 200 << 30
        let part = S3Client.partSize(for: big, preferred: 16 * mib)
        #expect(part % mib == 0 && (big + part - 1) / part <= 10_000 && part == 21 * mib)
    }
}
