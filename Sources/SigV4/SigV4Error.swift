/// A request could not be signed.
public enum SigV4Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// Presigned URL expiry outside 1 s … 7 days (604,800 s).
    case invalidExpiry(Int)
    /// The digest library failed (allocation).
    case digest(String)

    public var description: String {
        switch self {
        case .invalidExpiry(let s): "presigned URL expiry must be 1…604800 seconds (got \(s))"
        case .digest(let d): "signing failed: \(d)"
        }
    }
}
