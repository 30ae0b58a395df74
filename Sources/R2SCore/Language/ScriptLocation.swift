/// A position in `.r2s` source text: the origin (file path, `-c` or `<stdin>`), 1-based line and
/// 1-based column counted in Unicode scalars, so `job.r2s:3:9` points at the ninth character
/// even after accented letters.
public struct ScriptLocation: Sendable, Hashable, CustomStringConvertible {
    /// Where the text came from, as the user named it (`job.r2s`, `-c`, `<stdin>`).
    public var origin: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column (Unicode scalars from the start of the line).
    public var column: Int

    /// `origin:line:column`, the prefix of every script diagnostic.
    public var description: String { "\(origin):\(line):\(column)" }
}
