/// One element of a parsed XML document: its (local) name, child elements and the character
/// data directly inside it. Enough for S3 responses, which are small, data-oriented documents.
struct XMLNode: Sendable {
    /// The element name without namespace prefix (`ListBucketResult`, `Key`).
    var name: String
    var children: [XMLNode] = []
    /// Decoded character data directly inside this element (entities resolved).
    var text: String = ""

    /// The first child named `name`.
    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// All children named `name`, in document order.
    func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// The text of the first child named `name`.
    func value(_ name: String) -> String? { child(name)?.text }
}

/// The document could not be parsed (the server sent something that is not the XML we expect).
struct XMLParseError: Error, Sendable, Hashable {
    var reason: String
    var offset: Int
}
