/// An access key pair. The secret never appears in `description`, `debugDescription` or
/// `dump()` output, so logging a signer or credentials cannot leak it.
public struct SigV4Credentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The access key id (not secret; appears in every Authorization header).
    public let accessKeyID: String
    /// The secret access key. Read only by the signer.
    let secretAccessKey: String

    public init(accessKeyID: String, secretAccessKey: String) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
    }

    public var description: String { "SigV4Credentials(accessKeyID: \(accessKeyID), secret: <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["accessKeyID": accessKeyID, "secret": "<redacted>"]) }
}
