@testable import ObjectStore
import Testing

@Suite struct MD5Tests {
    @Test("RFC 1321 appendix A.5 test suite", arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        (
            "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "57edf4a22be3c955ac49da2e2107b67a"
        ),
    ])
    func rfcVectors(input: String, digest: String) {
        #expect(MD5.hex(of: Array(input.utf8)) == digest)
    }

    @Test("a million 'a' (the classic long vector)")
    func million() {
        #expect(MD5.hex(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)) == "7707d6ae4e027c70eea2a935c2296f21")
    }

    @Test("streaming in uneven pieces equals hashing at once, around every padding boundary")
    func streaming() {
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000] {
            let data = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let whole = MD5.hex(of: data)
            for piece in [1, 3, 63, 64, 65] {
                var h = MD5()
                var i = 0
                while i < data.count {
                    h.update(data[i..<min(i + piece, data.count)])
                    i += piece
                }
                #expect(h.finalizeHex() == whole, "length \(length) piece \(piece)")
            }
        }
    }
}
