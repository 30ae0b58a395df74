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

    static func provider(context: ShellContext, variables: [String]) -> @Sendable (String) -> LineCompletion? {
        let completer = Completer(registry: context.registry, workingDirectory: currentDirectory())
        return { beforeCursor in
            // The callback runs on the main thread inside readline(); the completion runs on the
            // cooperative pool and this thread waits for it.
            let result = Mutex<CompletionResult?>(nil)
            let done = DispatchSemaphore(value: 0)
            let task = Task.detached {
                let r = await completer.complete(beforeCursor, in: context, variables: variables)
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
