internal import CEdit
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// What TAB offers: candidates that each replace the last `replacing` characters before the
/// cursor.
public struct LineCompletion: Sendable, Equatable {
    /// The text just before the cursor that a candidate replaces (the word being completed, as
    /// typed, quotes included).
    public var replacing: String
    /// Full replacements for `replacing`.
    public var candidates: [String]
    /// Whether a space follows a unique completion (not after a directory `dir/` or `--opt=`).
    public var appendSpace: Bool

    public init(replacing: String, candidates: [String], appendSpace: Bool = true) {
        self.replacing = replacing
        self.candidates = candidates
        self.appendSpace = appendSpace
    }

    /// Converts the candidates into what libedit inserts in place of *its* word.
    ///
    /// libedit finds the word to replace with its own break characters (space, quotes, `$`, `=`,
    /// `;`…), which rarely match the shell's tokenizer: for `"my fi` libedit replaces `fi`, the
    /// shell completes `"my fi`. Both are suffixes of the text before the cursor, so each candidate
    /// is re-based onto libedit's word: extended with the text libedit's word covers beyond ours, or
    /// trimmed by the part of ours libedit does not replace (dropped when it no longer matches).
    ///
    /// - Parameter editorWord: the word libedit will replace.
    public func matches(forEditorWord editorWord: String) -> [String] {
        let mine = Array(replacing.unicodeScalars)
        let theirs = Array(editorWord.unicodeScalars)
        var out: [String] = []
        for candidate in candidates {
            let c = Array(candidate.unicodeScalars)
            if theirs.count >= mine.count {
                var s = String.UnicodeScalarView()
                s.append(contentsOf: theirs[0..<(theirs.count - mine.count)])
                s.append(contentsOf: c)
                out.append(String(s))
            } else {
                let head = mine[0..<(mine.count - theirs.count)]
                guard c.count >= head.count, Array(c[0..<head.count]) == Array(head) else { continue }
                var s = String.UnicodeScalarView()
                s.append(contentsOf: c[head.count...])
                out.append(String(s))
            }
        }
        return out
    }

    /// The longest common prefix of `strings`, whole characters only.
    public static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map({ Array($0) }) else { return "" }
        for s in strings.dropFirst() {
            let chars = Array(s)
            var n = 0
            while n < prefix.count, n < chars.count, prefix[n] == chars[n] { n += 1 }
            prefix.removeSubrange(n...)
        }
        return String(prefix)
    }
}

/// The Swift completion closure. A C function pointer cannot capture context and
/// `rl_attempted_completion_function` passes no user data, so the trampoline reads this slot.
enum CompletionSlot {
    static let shared = Mutex<(@Sendable (String) -> LineCompletion?)?>(nil)
}

/// libedit's `rl_attempted_completion_function`: `text` is libedit's word; `end` is the cursor
/// as a *character* offset (libedit counts wide characters here, not bytes).
func completionTrampoline(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    // Never fall back to libedit's filename completion: the shell decides what completes.
    r2s_edit_set_completion_over(1)
    guard let provider = CompletionSlot.shared.withLock({ $0 }) else { return nil }
    let editorWord = text.map { String(cString: $0) } ?? ""
    var before = editorWord
    if let buffer = r2s_edit_line_buffer() {
        let scalars = Array(String(cString: buffer).unicodeScalars)
        let cursor = min(max(0, Int(end)), scalars.count)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[0..<cursor])
        let candidate = String(view)
        // Trust the line buffer only when it agrees with libedit's word.
        if candidate.hasSuffix(editorWord) {
            before = candidate
        }
    }
    guard let result = provider(before) else { return nil }
    var seen = Set<String>()
    let matches = result.matches(forEditorWord: editorWord).filter { seen.insert($0).inserted }
    guard !matches.isEmpty else { return nil }
    r2s_edit_set_append_character(matches.count == 1 && result.appendSpace ? 32 : 0)
    return cStringArray([LineCompletion.commonPrefix(matches)] + matches)
}

/// A NULL-terminated, malloc'ed array of strdup'ed strings: libedit frees both.
private func cStringArray(_ strings: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    let size = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (strings.count + 1)
    guard let raw = malloc(size) else { return nil }
    let array = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: strings.count + 1)
    for (i, s) in strings.enumerated() { array[i] = strdup(s) }
    array[strings.count] = nil
    return array
}
