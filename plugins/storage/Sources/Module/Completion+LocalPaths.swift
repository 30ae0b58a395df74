import FoundationEssentials
import R2SCore

extension Completion {
    /// Local files and folders for `upload PATH…` and `download ID|KEY DEST`: relative to the
    /// shell's working folder, or absolute, or `~/…`. Folders end in `/`, so the completer adds
    /// no space after them and the next TAB TAB lists that folder's children.
    static func localPaths(_ typed: String, in context: ShellContext) -> [String] {
        PathCompleter.complete(
            typed, workingDirectory: FileManager.default.currentDirectoryPath, home: context.session.environment["HOME"]
        ).map(\.path)
    }
}
