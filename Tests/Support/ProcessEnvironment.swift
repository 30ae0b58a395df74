#if canImport(Glibc)
import Glibc
#endif

/// The process environment without Foundation.
public enum ProcessEnvironment {
    /// All `NAME=value` pairs of the process environment.
    public static func all() -> [(String, String)] {
        var out: [(String, String)] = []
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") { out.append((String(s[..<eq]), String(s[s.index(after: eq)...]))) }
            p += 1
        }
        return out
    }
}
