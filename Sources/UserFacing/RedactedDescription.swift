/// A value whose stored properties include secrets (keys, passwords in URLs): `\(value)`,
/// `String(reflecting:)` and `dump` show `redactedFields` instead of the compiler's default,
/// which prints every stored property. Each conformer masks its secrets with `SecretRule`.
public protocol RedactedDescription: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The fields to show, in order, with every secret already masked (`SecretRule.masked`).
    var redactedFields: [(label: String, value: String)] { get }
}

extension RedactedDescription {
    public var description: String {
        "\(Self.self)(" + redactedFields.map { "\($0.label): \($0.value)" }.joined(separator: ", ") + ")"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: redactedFields.map { (label: Optional($0.label), value: $0.value as Any) })
    }
}
