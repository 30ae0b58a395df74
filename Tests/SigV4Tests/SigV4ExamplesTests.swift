import Digests
import Foundation
import SigV4
import Testing

/// The examples published on AWS's "Signature Calculations for the Authorization Header" and
/// "Authenticating Requests: Using Query Parameters" S3 pages: fixed credentials, bucket
/// `examplebucket`, region us-east-1, time 2013-05-24T00:00:00Z.
@Suite struct SigV4ExamplesTests {
    let signer = SigV4Signer(
        credentials: SigV4Credentials(
            accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1")
    let date = Date(timeIntervalSince1970: 1_369_353_600)  // 20130524T000000Z
    let host = "examplebucket.s3.amazonaws.com"
    let empty = SigV4Signer.emptyPayloadHash

    @Test func timestampRendering() {
        #expect(SigV4Timestamp(date).amzDate == "20130524T000000Z")
        #expect(SigV4Timestamp(date).dateStamp == "20130524")
        #expect(SigV4Timestamp(epochSeconds: 951_827_696).amzDate == "20000229T123456Z")  // leap day
        #expect(SigV4Timestamp(epochSeconds: 0).amzDate == "19700101T000000Z")
        #expect(SigV4Timestamp(epochSeconds: 4_102_444_799).amzDate == "20991231T235959Z")
    }

    @Test func signingKeyOfTheExamples() throws {
        // The key derivation is its own step; its output feeds every example below.
        let key = try signer.signingKey(dateStamp: "20130524")
        let expected = try Digests.hmacSHA256(
            key: Digests.hmacSHA256(
                key: Digests.hmacSHA256(
                    key: Digests.hmacSHA256(key: Array("AWS4wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".utf8), "20130524"),
                    "us-east-1"), "s3"), "aws4_request")
        #expect(key == expected)
    }

    @Test func getObjectWithRange() throws {
        let request = SigV4Request(method: "GET", host: host, path: "/test.txt", headers: [SigV4Field("Range", "bytes=0-9")])
        let signed = try signer.sign(request, payloadHash: empty, date: date)
        #expect(signed.canonicalRequest == """
            GET
            /test.txt

            host:examplebucket.s3.amazonaws.com
            range:bytes=0-9
            x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-amz-date:20130524T000000Z

            host;range;x-amz-content-sha256;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(signed.stringToSign == """
            AWS4-HMAC-SHA256
            20130524T000000Z
            20130524/us-east-1/s3/aws4_request
            7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
            """)
        let auth = signed.headers.first { $0.name == "Authorization" }?.value
        #expect(auth == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
            + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(signed.pathAndQuery == "/test.txt")
        #expect(signed.headers.contains(SigV4Field("x-amz-date", "20130524T000000Z")))
        #expect(signed.headers.contains(SigV4Field("x-amz-content-sha256", empty)))
    }

    @Test func putObject() throws {
        let payload = Digests.hex(try Digests.sha256("Welcome to Amazon S3."))
        #expect(payload == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        let request = SigV4Request(
            method: "PUT", host: host, path: "/test$file.text",
            headers: [SigV4Field("Date", "Fri, 24 May 2013 00:00:00 GMT"), SigV4Field("x-amz-storage-class", "REDUCED_REDUNDANCY")])
        let signed = try signer.sign(request, payloadHash: payload, date: date)
        #expect(signed.canonicalRequest == """
            PUT
            /test%24file.text

            date:Fri, 24 May 2013 00:00:00 GMT
            host:examplebucket.s3.amazonaws.com
            x-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072
            x-amz-date:20130524T000000Z
            x-amz-storage-class:REDUCED_REDUNDANCY

            date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class
            44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072
            """)
        #expect(signed.stringToSign.hasSuffix("\n9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d"))
        #expect(try signer.signature(stringToSign: signed.stringToSign, time: SigV4Timestamp(date))
            == "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
        #expect(signed.pathAndQuery == "/test%24file.text")
    }

    @Test func getBucketLifecycle() throws {
        let request = SigV4Request(method: "GET", host: host, path: "/", query: [SigV4Field("lifecycle", "")])
        let signed = try signer.sign(request, payloadHash: empty, date: date)
        #expect(signed.canonicalRequest == Self.bucketGET(query: "lifecycle="))
        #expect(signed.stringToSign.hasSuffix("\n9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca"))
        #expect(signed.headers.last?.value.hasSuffix(
            "Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543") == true)
        #expect(signed.pathAndQuery == "/?lifecycle=")
    }

    @Test func listObjects() throws {
        // Given out of order: the canonical query sorts by name.
        let request = SigV4Request(
            method: "GET", host: host, path: "/", query: [SigV4Field("prefix", "J"), SigV4Field("max-keys", "2")])
        let signed = try signer.sign(request, payloadHash: empty, date: date)
        #expect(signed.canonicalRequest == Self.bucketGET(query: "max-keys=2&prefix=J"))
        #expect(signed.stringToSign.hasSuffix("\ndf57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7"))
        #expect(signed.headers.last?.value.hasSuffix(
            "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7") == true)
        #expect(signed.pathAndQuery == "/?max-keys=2&prefix=J")
    }

    @Test func presignedGet() throws {
        let steps = try signer.presignSteps(SigV4Request(method: "GET", host: host, path: "/test.txt"), expires: 86400, date: date)
        #expect(steps.canonicalRequest == """
            GET
            /test.txt
            X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host
            host:examplebucket.s3.amazonaws.com

            host
            UNSIGNED-PAYLOAD
            """)
        #expect(steps.stringToSign == """
            AWS4-HMAC-SHA256
            20130524T000000Z
            20130524/us-east-1/s3/aws4_request
            3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04
            """)
        #expect(steps.url == "/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }

    @Test func presignExpiryBounds() throws {
        let r = SigV4Request(method: "PUT", host: host, path: "/a")
        for bad in [0, -1, 604_801] {
            #expect(throws: SigV4Error.invalidExpiry(bad)) { _ = try signer.presign(r, expires: bad, date: date) }
        }
        #expect(try signer.presign(r, expires: 1, date: date).contains("X-Amz-Expires=1&"))
        #expect(try signer.presign(r, expires: 604_800, date: date).contains("X-Amz-Expires=604800&"))
    }

    /// The canonical request of the AWS examples' empty-payload `GET /?QUERY` on the bucket host.
    static func bucketGET(query: String) -> String {
        let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        return [
            "GET", "/", query, "host:examplebucket.s3.amazonaws.com", "x-amz-content-sha256:" + empty,
            "x-amz-date:20130524T000000Z", "", "host;x-amz-content-sha256;x-amz-date", empty,
        ].joined(separator: "\n")
    }
}
