// libFuzzer target: the .r2s lexer, parser and the interpreter's word expansion.
// Any input must either parse or throw a ScriptError; a parsed text's words must expand.
@testable import R2SCore

/// One interpreter for the whole run: expansion reads its scope (variables, arguments, `$?`).
nonisolated(unsafe) let interpreter: Interpreter = {
    let registry = CommandRegistry(modules: [], reservedWords: Interpreter.reservedWords)
    let session = Session(
        profile: Profile(name: "fuzz", values: ["R2_BUCKET": "media"]), environment: ["HOME": "/nonexistent", "X": "env x"],
        paths: Paths(config: "/nonexistent/config", state: "/nonexistent/state", data: "/nonexistent/data"),
        language: .en)
    let context = ShellContext(console: BufferConsole(), session: session, registry: registry)
    let interpreter = Interpreter(dispatcher: Dispatcher(registry: registry), context: context)
    interpreter.scope.arguments = ["one", "two words", "", "$4", "ç🎉"]
    interpreter.scope.variables = ["A": "a", "EMPTY": "", "B": "b c", "DOLLAR": "$A"]
    return interpreter
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScript(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    _ = interpreter.needsContinuation(text)
    let program: Program
    do {
        program = try Parser.parse(text, origin: "fuzz.r2s")
    } catch {
        // A syntax error must carry a location inside the text and render without trapping.
        check(error.location.line >= 1 && error.location.column >= 1, "bad location \(error.location)")
        _ = error.localizedMessage(.en) + (error.localizedHint(.ptBR) ?? "")
        return 0
    }
    // Expand every command's words the way the interpreter does before dispatching.
    var lexer = Lexer(bytes: program.bytes, origin: program.origin)
    while let raw = try? lexer.nextCommand() {
        check(!raw.words.isEmpty, "an empty command")
        let argv = interpreter.expand(raw.words)
        for (word, value) in zip(raw.words, argv) where !raw.words.contains(where: \.isAllArguments) {
            if let literal = word.literal { check(value == literal, "a literal word changed in expansion") }
        }
        _ = program.excerpt(raw.range)
    }
    return 0
}

/// `precondition` drops its message in -O builds; the fuzzer's crash log should say what broke.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("fuzz invariant: " + message()) }
}
