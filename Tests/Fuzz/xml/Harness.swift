// libFuzzer target: the S3 XML parser (any bytes parse or throw) and the escaping it reads back.
@testable import S3

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let root = try? XMLParser.parse(bytes) {
        check(!root.name.isEmpty, "an element without a name")
    }
    // Text escaped the way r2s sends keys must parse back to the same text, byte for byte.
    let text = String(decoding: bytes, as: UTF8.self)
    let valid = text.unicodeScalars.allSatisfy { s in
        s == "\t" || s == "\n" || s == "\r" || (s.value >= 0x20 && s.value != 0xFFFE && s.value != 0xFFFF)
    }
    if valid {
        let doc = "<Delete><Key>" + XMLEscaping.escape(text) + "</Key></Delete>"
        let parsed = try? XMLParser.parse(Array(doc.utf8))
        check(parsed?.value("Key") == text, "escaped text did not round-trip")
    }
    return 0
}

/// `precondition` drops its message in -O builds; the fuzzer's crash log should say what broke.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("fuzz invariant: " + message()) }
}
