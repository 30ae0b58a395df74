public import UserFacing

/// A profile interpolated into a message or dumped prints its values masked (`maskedValue`),
/// never raw: the struct holds every secret of the profile.
extension Profile: RedactedDescription {
    public var redactedFields: [(label: String, value: String)] {
        [("name", name), ("chosenBy", chosenBy ?? "-")]
            + values.keys.sorted().map { ($0, Self.mask(key: $0, value: values[$0] ?? "")) }
    }
}
