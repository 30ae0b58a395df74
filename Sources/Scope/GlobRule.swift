/// One `--include`/`--exclude` rule. Stored as rclone's filter-file syntax: `+ *.pdf`, `- tmp/`.
public struct GlobRule: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Action: String, Sendable, Hashable, Codable {
        case include, exclude
    }

    public var action: Action
    public var pattern: String

    public init(_ action: Action, _ pattern: String) {
        self.action = action
        self.pattern = pattern
    }

    /// `+ pattern` or `- pattern`.
    public var description: String { (action == .include ? "+ " : "- ") + pattern }

    /// Parses `+ pattern` / `- pattern`.
    public init?(rule: String) {
        guard rule.count >= 3, rule.dropFirst().first == " " else { return nil }
        switch rule.first {
        case "+": action = .include
        case "-": action = .exclude
        default: return nil
        }
        pattern = String(rule.dropFirst(2))
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let rule = GlobRule(rule: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected '+ PATTERN' or '- PATTERN'"))
        }
        self = rule
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
