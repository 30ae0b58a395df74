import Foundation
import Testing

/// docs/language.md "Conditionals": a condition that fails with a usage, configuration or
/// connection error (2/3) is not an answer: the script stops with that status instead of taking
/// the else branch (`if ! check --bogus` must not report "drift").
@Suite(.enabled(if: R2SBinary.path != nil, "the r2s executable is built with the tests"))
struct IfConditionTests {
    static func run(_ script: String) throws -> R2SBinary.Result {
        let home = TempDir("if")
        return try R2SBinary.run(["-c", script], environment: R2SBinary.environment(home: home.path))
    }

    @Test("a usage error in a condition stops the script with 2, in both polarities")
    func usageStops() throws {
        for script in [
            "if ls --bogus; echo then; else; echo else; end; echo after",
            "if ! ls --bogus; echo then; else; echo else; end; echo after",
            "on-error continue; if lss; echo then; end; echo after",
        ] {
            let r = try Self.run(script)
            #expect(r.status == 2, "\(script): \(r.err)")
            #expect(r.out.isEmpty, "\(script): \(r.out)")
            #expect(r.err.contains("-c:1:"), "says where it stopped: \(r.err)")
        }
    }

    @Test("a configuration error in a condition stops the script with 3")
    func configStops() throws {
        let r = try Self.run("set R2S_CATALOG mysql\nif ! ls; echo drift; end\necho after")
        #expect(r.status == 3, "\(r.err)")
        #expect(r.out.isEmpty, "\(r.out)")
    }

    @Test("other failures are answers: 1 takes the else branch, `!` inverts it")
    func failuresAnswer() throws {
        let r = try Self.run("if false; echo then; else; echo else; end; if ! show nope.pdf; echo missing; end")
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == "else\nmissing\n")
    }
}
