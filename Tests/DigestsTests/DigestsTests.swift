import Digests
import Foundation
import Testing

@Suite struct DigestsTests {
    func bytes(_ hex: String) -> [UInt8] { Digests.bytes(hex: hex) ?? [] }

    /// RFC 4231 §4.2–4.8 (test case 5 is truncated to 128 bits by the RFC).
    @Test(arguments: [
        ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (Array(1...25), [UInt8](repeating: 0xcd, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        ([UInt8](repeating: 0x0c, count: 20), Array("Test With Truncation".utf8),
         "a3b6167473100ee06e0c796c2955552b"),
        ([UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        ([UInt8](repeating: 0xaa, count: 131),
         Array(("This is a test using a larger than block-size key and a larger than block-size data. "
            + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ])
    func rfc4231(key: [UInt8], data: [UInt8], expected: String) throws {
        let mac = Digests.hex(try Digests.hmacSHA256(key: key, data: data))
        #expect(mac.hasPrefix(expected))
        #expect(mac.count == 64)
    }

    @Test func hmacWithEmptyKeyAndData() throws {
        // Python: hmac.new(b"", b"", sha256)
        #expect(Digests.hex(try Digests.hmacSHA256(key: [], data: []))
            == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test func sha256KnownValues() throws {
        #expect(Digests.hex(try Digests.sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digests.hex(try Digests.sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digests.hex(try Digests.sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func md5KnownValues() throws {
        #expect(Digests.hex(try Digests.md5([])) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(Digests.hex(try Digests.md5(Array("abc".utf8))) == "900150983cd24fb0d6963f7d28e17f72")
        #expect(Digests.hex(try Digests.md5(Array("The quick brown fox jumps over the lazy dog".utf8)))
            == "9e107d9d372bb6826bd81d3542a419d6")
        #expect(Digests.base64(try Digests.md5([])) == "1B2M2Y8AsgTpgAmY7PhCfg==")
    }

    @Test func incrementalEqualsOneShot() throws {
        let context = try DigestContext(.sha256)
        for piece in ["abcdbcde", "cdefdefgefghfghighijhijkijkljklmklmnlmno", "mnopnopq"] { try context.update(piece) }
        #expect(Digests.hex(try context.finalize()) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(throws: DigestError.self) { _ = try context.finalize() }
        #expect(DigestContext.size(of: .sha256) == 32 && DigestContext.size(of: .md5) == 16)
    }

    @Test func fileDigestsStreamInOnePass() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-digest-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        // A million 'a' (FIPS 180-2 vector) spans the 1 MiB chunk boundary when followed by more.
        let content = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000) + (0..<200_000).map { UInt8($0 % 256) }
        try Data(content).write(to: URL(fileURLWithPath: path))
        let first = try Digests.file(path, offset: 0, length: 1_000_000, algorithms: [.sha256, .md5])
        #expect(Digests.hex(first[.sha256] ?? []) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(first[.md5] == (try Digests.md5(Array(content[..<1_000_000]))))
        let whole = try Digests.file(path, algorithms: [.sha256])
        #expect(whole[.sha256] == (try Digests.sha256(content)) && whole[.md5] == nil)
        let slice = try Digests.file(path, offset: 999_000, length: 150_000, algorithms: [.md5])
        #expect(slice[.md5] == (try Digests.md5(Array(content[999_000..<1_149_000]))))
        #expect(throws: DigestError.self) { _ = try Digests.file(path, offset: 1_100_000, length: 200_000, algorithms: [.md5]) }
        #expect(throws: DigestError.self) { _ = try Digests.file("/nonexistent/r2s", algorithms: [.md5]) }
    }

    @Test func base64RFC4648() {
        let cases = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in cases { #expect(Digests.base64(Array(plain.utf8)) == encoded) }
        #expect(Digests.base64([0xff, 0xfe, 0xfd]) == "//79")
    }

    @Test func hexRoundTrip() {
        #expect(Digests.hex([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(Digests.bytes(hex: "000FA0ff") == [0x00, 0x0f, 0xa0, 0xff])
        #expect(Digests.bytes(hex: "abc") == nil)
        #expect(Digests.bytes(hex: "zz") == nil)
    }
}
