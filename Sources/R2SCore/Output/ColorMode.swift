/// `--color auto|always|never`: whether errors, warnings and hints are coloured.
public enum ColorMode: String, Sendable, CaseIterable {
    /// On a terminal, unless `NO_COLOR` is set (non-empty) or `TERM=dumb`.
    case auto
    case always
    case never

    /// ANSI colours for the prefixes the shell prints.
    public enum Paint: String, Sendable {
        case red = "31"
        case yellow = "33"
        case cyan = "36"
        case green = "32"
    }

    /// `text` in `paint` (bold for red), reset after it.
    public static func paint(_ text: String, _ paint: Paint) -> String {
        "\u{1B}[" + (paint == .red ? "1;" : "") + paint.rawValue + "m" + text + "\u{1B}[0m"
    }
}
