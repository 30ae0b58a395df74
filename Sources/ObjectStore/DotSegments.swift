/// Keys with `.` or `..` segments (`dir/../x`, `a/./b`).
///
/// S3 and R2 store such a key as written, but its public url is not that object's: browsers, curl
/// and most HTTP libraries resolve dot segments before sending (RFC 3986 §5.2.4), so
/// `https://cdn/dir/../x` fetches `x`, a *different* object. r2s refuses to create them (upload,
/// mv) unless asked (`--allow-dot-segments`), warns in `url`, and `check`/`doctor` report
/// existing ones. This is the one rule every command uses.
public enum DotSegments {
    /// True when a `/`-separated segment of `key` is exactly `.` or `..`.
    public static func contains(_ key: String) -> Bool {
        var segment = 0  // bytes of the current segment, while they are all dots (-1: not dots only)
        for byte in key.utf8 {
            if byte == UInt8(ascii: "/") {
                if segment == 1 || segment == 2 { return true }
                segment = 0
            } else if byte == UInt8(ascii: "."), segment >= 0 {
                segment += 1
            } else {
                segment = -1
            }
        }
        return segment == 1 || segment == 2
    }
}
