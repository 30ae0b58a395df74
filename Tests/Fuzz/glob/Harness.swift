// libFuzzer target: the glob/filter-rule parser and matcher. Input: pattern, a NUL byte, a key.
@testable import Scope

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGlob(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let split = bytes.firstIndex(of: 0) ?? size
    let pattern = String(decoding: bytes[..<split], as: UTF8.self)
    let key = split < size ? String(decoding: bytes[(split + 1)...], as: UTF8.self) : "a/b/c.pdf"
    _ = GlobRule(rule: pattern)
    for ignoreCase in [false, true] {
        guard let glob = try? Glob(pattern, ignoreCase: ignoreCase) else { continue }
        let hit = glob.matches(key)
        // A folder pattern (`x/`) matches what `x/**` matches.
        if pattern.hasSuffix("/"), let star = try? Glob(pattern + "**", ignoreCase: ignoreCase) {
            check(star.matches(key) == hit, "'x/' and 'x/**' disagree")
        }
        // A literal pattern without special characters matches itself.
        // Scalars: `\` + a combining mark is one Character, but still an escape.
        if !pattern.unicodeScalars.contains(where: { "*?[]{}\\/".unicodeScalars.contains($0) }) {
            check(glob.matches(pattern), "a plain pattern does not match itself")
        }
    }
    return 0
}

/// `precondition` drops its message in -O builds; the fuzzer's crash log should say what broke.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("fuzz invariant: " + message()) }
}
