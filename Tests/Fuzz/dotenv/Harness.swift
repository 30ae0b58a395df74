// libFuzzer target: the `.env` parser (DotEnv) and the profiles config file parser (ConfigFile).
@testable import R2SCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDotEnv(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let (values, problems) = DotEnv.parse(text)
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).count
    for problem in problems {
        check(problem.line >= 1 && problem.line <= lines, "problem on line \(problem.line) of \(lines)")
    }
    for (key, value) in values {
        check(DotEnv.isValidKey(key), "accepted an invalid name")
        // Round trip: a single-quoted value is literal, so it must read back unchanged.
        // Scalars, not Characters: "\r\n" is one Character and contains neither "\r" nor "\n".
        if !value.unicodeScalars.contains(where: { $0 == "'" || $0 == "\n" || $0 == "\r" }) {
            let again = DotEnv.parse("\(key)='\(value)'")
            check(again.values == [key: value] && again.problems.isEmpty, "single-quoted value did not round-trip")
        }
    }
    if let file = try? ConfigFile.parse(text, path: "fuzz-config") {
        for section in file.sections { check(section.line >= 1 && section.line <= lines, "section line out of range") }
    }
    return 0
}

/// `precondition` drops its message in -O builds; the fuzzer's crash log should say what broke.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("fuzz invariant: " + message()) }
}
