import Foundation
import SigV4
import Testing

/// S3-specific encoding rules the published examples don't exercise.
@Suite struct SigV4RulesTests {
    @Test func pathSegmentsAreEncodedOnceKeepingSlashes() {
        #expect(URIEncoding.encodePath("/bucket/photos/my file+1 100%.jpg")
            == "/bucket/photos/my%20file%2B1%20100%25.jpg")
        #expect(URIEncoding.encodePath("/b/a=b:c;d,e!f'g(h)i*j@k&l$m#n?o") == "/b/a%3Db%3Ac%3Bd%2Ce%21f%27g%28h%29i%2Aj%40k%26l%24m%23n%3Fo")
        #expect(URIEncoding.encodePath("/b/-._~AZaz09") == "/b/-._~AZaz09")
        // Already-encoded-looking text is encoded again exactly once (it is part of the key).
        #expect(URIEncoding.encodePath("/b/%20") == "/b/%2520")
        // Non-ASCII: UTF-8 bytes, upper-case hex; NFC and NFD differ on the wire.
        #expect(URIEncoding.encodePath("/b/\u{E9}") == "/b/%C3%A9")
        #expect(URIEncoding.encodePath("/b/e\u{301}") == "/b/e%CC%81")
        #expect(URIEncoding.encodePath("/b/😀") == "/b/%F0%9F%98%80")
    }

    @Test func pathsAreNotNormalised() {
        #expect(URIEncoding.encodePath("/b/a//b/./c/../d/") == "/b/a//b/./c/../d/")
        #expect(URIEncoding.encodePath("") == "/")
    }

    @Test func queryEncodesSlashAndSortsByEncodedName() {
        let q = SigV4Signer.canonicalQuery([
            SigV4Field("prefix", "a b/c+d"), SigV4Field("list-type", "2"), SigV4Field("encoding-type", "url"),
            SigV4Field("continuation-token", "1/2=3"), SigV4Field("delete", ""),
        ])
        #expect(q == "continuation-token=1%2F2%3D3&delete=&encoding-type=url&list-type=2&prefix=a%20b%2Fc%2Bd")
        // Same name twice: sorted by value.
        #expect(SigV4Signer.canonicalQuery([SigV4Field("a", "2"), SigV4Field("a", "1")]) == "a=1&a=2")
        // Upper-case names sort before lower-case (byte order).
        #expect(SigV4Signer.canonicalQuery([SigV4Field("b", ""), SigV4Field("X-Amz-Date", "1")]) == "X-Amz-Date=1&b=")
    }

    @Test func headersAreLowercasedTrimmedCollapsedAndMerged() {
        let (block, signed) = SigV4Signer.canonicalHeaders([
            SigV4Field("X-Amz-Meta-A", "  one   two  "), SigV4Field("Content-Type", "text/plain"),
            SigV4Field("x-amz-meta-a", "three"),
        ])
        #expect(block == "content-type:text/plain\nx-amz-meta-a:one two,three\n")
        #expect(signed == "content-type;x-amz-meta-a")
    }

    @Test func signedRequestSendsWhatItSigned() throws {
        let signer = SigV4Signer(credentials: SigV4Credentials(accessKeyID: "AK", secretAccessKey: "SK"), region: "auto")
        let request = SigV4Request(
            method: "GET", host: "127.0.0.1:9000", path: "/bkt/dir/a b+c",
            query: [SigV4Field("x", "1 2")], headers: [SigV4Field("Range", "bytes=0-1")])
        let signed = try signer.sign(request, payloadHash: SigV4Signer.unsignedPayload, date: Date(timeIntervalSince1970: 0))
        #expect(signed.pathAndQuery == "/bkt/dir/a%20b%2Bc?x=1%202")
        #expect(signed.canonicalRequest.hasPrefix("GET\n/bkt/dir/a%20b%2Bc\nx=1%202\nhost:127.0.0.1:9000\n"))
        #expect(signed.canonicalRequest.hasSuffix("\nUNSIGNED-PAYLOAD"))
        #expect(signed.stringToSign.contains("19700101/auto/s3/aws4_request"))
        #expect(!signed.headers.contains { $0.name.lowercased() == "host" })
    }

    @Test func secretsNeverAppearInDescriptions() throws {
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        let credentials = SigV4Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: secret)
        let signer = SigV4Signer(credentials: credentials, region: "auto")
        var dumped = ""
        dump(signer, to: &dumped)
        dump(credentials, to: &dumped)
        for text in [
            String(describing: credentials), String(reflecting: credentials), String(describing: signer),
            String(reflecting: signer), "\(signer)", dumped,
        ] {
            #expect(!text.contains(secret))
            #expect(!text.contains("EXAMPLEKEY"))
        }
        #expect(String(describing: credentials).contains("AKIAIOSFODNN7EXAMPLE"))
        // The signed output carries the signature, never the secret.
        let signed = try signer.sign(
            SigV4Request(method: "GET", host: "h", path: "/"), payloadHash: SigV4Signer.emptyPayloadHash, date: Date())
        #expect(!signed.headers.map(\.value).joined().contains(secret))
        #expect(!signed.canonicalRequest.contains(secret) && !signed.stringToSign.contains(secret))
    }
}
