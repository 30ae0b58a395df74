public import R2SCore
import Synchronization

/// A `.r2s` file registered as a command: `orphans.r2s` → `orphans`.
///
/// Runs through the shell's own interpreter as a child script (own variables, `$1…`/`$#` from
/// the arguments); its exit status is the command's status, so `$?` and stop-on-error see it
/// like any compiled command's.
public struct ScriptPlugin: RuntimeCommand {
    /// Plugin calls nested deeper than this fail instead of recursing until the stack is gone.
    public static let maxDepth = 32
    @TaskLocal static var depth = 0

    public let descriptor: PluginDescriptor
    private let runner: ScriptRunnerSlot
    private let header: HeaderCache

    public init(descriptor: PluginDescriptor, runner: ScriptRunnerSlot) {
        self.descriptor = descriptor
        self.runner = runner
        self.header = HeaderCache(path: descriptor.path)
    }

    public var name: String { descriptor.name }
    public var group: String { "plugins" }

    public var abstract: String {
        header.value?.summary ?? "script plugin (no `# r2s-plugin:` header)"
    }

    public func help(in context: ShellContext) async -> String {
        let footer = "script plugin: \(descriptor.path)"
        guard let header = header.value else {
            return "\(name) — \(abstract)\n\nUSAGE: \(name) [ARGUMENTS]\n\n\(footer)\n"
        }
        return header.helpText(name: name, footer: footer)
    }

    public func run(arguments: [String], in context: ShellContext) async throws -> ExitStatus {
        guard let runner = runner.current else { throw PluginError.noInterpreter(name: name) }
        guard Self.depth < Self.maxDepth else { throw PluginError.tooDeep(name: name, limit: Self.maxDepth) }
        // A script runs with the session's connections and secrets: never one others could edit.
        if let problem = PluginPermissions.problem(descriptor.path) { throw PluginError.unsafe(name: name, problem: problem) }
        // Read at every run, not at discovery: an edited plugin takes effect without `plugin reload`.
        // Through SourceFile: the same regular-file and size rules as any script.
        let source: String
        do {
            source = try SourceFile.read(descriptor.path)
        } catch {
            throw PluginError.unreadable(name: name, path: descriptor.path)
        }
        return await Self.$depth.withValue(Self.depth + 1) {
            await runner.runChild(source: source, origin: descriptor.path, arguments: arguments, context: context)
        }
    }

    /// Offers the declared options (`# arg: --report FILE …`) not typed yet.
    public func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        guard request.option == nil else { return [] }
        let used = Set(request.previousWords)
        return (header.value?.arguments ?? []).compactMap(\.optionWord)
            .filter { $0.hasPrefix(request.prefix) && !used.contains($0) }
    }
}

/// The header of a plugin file, read on first use: discovery itself opens no file, so start-up
/// stays cheap however many plugins there are.
final class HeaderCache: Sendable {
    private let path: String
    private let cached = Mutex<PluginHeader??>(nil)

    init(path: String) { self.path = path }

    var value: PluginHeader? {
        if let hit = cached.withLock({ $0 }) { return hit }
        let header = PluginHeader.read(path: path)
        cached.withLock { $0 = .some(header) }
        return header
    }
}
