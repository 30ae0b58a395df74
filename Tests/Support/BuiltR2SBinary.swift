import Foundation
public import Testing

/// The `r2s` binary next to the test bundle (`swift build` puts both in one directory), for tests
/// that run it as a real process; `nil` with a recorded issue when it is not built.
public func builtR2SBinary(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
    // /proc/self/exe: the test runner may be started through a symlink or a relative path.
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    let candidate = URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("r2s").path
    guard FileManager.default.isExecutableFile(atPath: candidate) else {
        Issue.record("the r2s binary is not built next to the tests: run `swift build` first", sourceLocation: sourceLocation)
        return nil
    }
    return candidate
}
