import Dispatch
import LineEditing
import R2SCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Bridges libedit's synchronous TAB callback to the asynchronous `Completer` (commands may
/// look things up, e.g. object keys over the network).
enum ShellCompletion {
    /// How long TAB may take before giving up (a slow listing must not freeze the prompt).
    static let timeout = DispatchTimeInterval.seconds(3)

    /// The variable names offered after `$`, refreshed by the shell before each prompt (the
    /// callback cannot reach the interpreter, which is not Sendable).
    final class Variables: Sendable {
        private let storage = Mutex<[String]>([])
        var names: [String] {
            get { storage.withLock { $0 } }
            set { storage.withLock { $0 = newValue } }
        }
    }

    static func provider(context: ShellContext, variables: Variables) -> @Sendable (String) -> LineCompletion? {
        let completer = Completer(registry: context.registry, workingDirectory: currentDirectory())
        return { beforeCursor in
            // The callback runs on the main thread inside readline(); the completion runs on the
            // cooperative pool and this thread waits for it.
            let result = Mutex<CompletionResult?>(nil)
            let done = DispatchSemaphore(value: 0)
            let task = Task.detached {
                let r = await completer.complete(beforeCursor, in: context, variables: variables.names)
                result.withLock { $0 = r }
                done.signal()
            }
            if done.wait(timeout: .now() + timeout) == .timedOut {
                task.cancel()
                return nil
            }
            guard let r = result.withLock({ $0 }), !r.candidates.isEmpty else { return nil }
            return LineCompletion(replacing: r.replacing, candidates: r.candidates, appendSpace: r.appendSpace)
        }
    }

    private static func currentDirectory() -> String {
        guard let cwd = getcwd(nil, 0) else { return "." }
        defer { free(cwd) }
        return String(cString: cwd)
    }
}
