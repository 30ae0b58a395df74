import LineEditing
import R2SCore
import Repl
import Testing

@Suite struct LineCompletionTests {
    @Test("candidates are re-based onto libedit's shorter word")
    func shorterEditorWord() {
        // The shell completes `"my fi`; libedit (breaking at space and quotes) replaces `fi`.
        let c = LineCompletion(replacing: "\"my fi", candidates: ["\"my file.txt\"", "\"my fig.png\""])
        #expect(c.matches(forEditorWord: "fi") == ["file.txt\"", "fig.png\""])
        // `$HO` → libedit breaks at `$`.
        #expect(LineCompletion(replacing: "$HO", candidates: ["$HOME"]).matches(forEditorWord: "HO") == ["HOME"])
        // `--type=image/j` → libedit breaks at `=`.
        let option = LineCompletion(replacing: "--type=image/j", candidates: ["--type=image/jpeg"])
        #expect(option.matches(forEditorWord: "image/j") == ["image/jpeg"])
    }

    @Test("candidates are extended when libedit's word is longer")
    func longerEditorWord() {
        let c = LineCompletion(replacing: "sl", candidates: ["sleep"])
        #expect(c.matches(forEditorWord: "true;sl") == ["true;sleep"])
        #expect(c.matches(forEditorWord: "sl") == ["sleep"])
    }

    @Test("a candidate that does not continue the typed text is dropped")
    func mismatch() {
        let c = LineCompletion(replacing: "\"my fi", candidates: ["'my file'", "\"my fig\""])
        #expect(c.matches(forEditorWord: "fi") == ["fig\""])
    }

    @Test("common prefix works on whole characters")
    func commonPrefix() {
        #expect(LineCompletion.commonPrefix(["héllo", "hélas"]) == "hél")
        #expect(LineCompletion.commonPrefix(["a😀b", "a😀c"]) == "a😀")
        #expect(LineCompletion.commonPrefix([]) == "")
    }
}

@Suite struct PromptTests {
    @Test("the prompt shows the profile and marks production visibly, with or without colour")
    func prompt() {
        #expect(Prompt.primary(profile: Profile(name: "local"), color: true) == "r2s:local> ")
        #expect(Prompt.primary(profile: Profile(name: "prod-eu"), color: false) == "r2s:prod-eu !PROD!> ")
        let colored = Prompt.primary(profile: Profile(name: "production"), color: true)
        #expect(colored == "r2s:production \u{1}\u{1B}[1;31m\u{2}[PROD]\u{1}\u{1B}[0m\u{2}> ")
        #expect(Prompt.primary(profile: Profile(name: "staging"), color: true) == "r2s:staging> ")
    }

    @Test("the banner names the version, the profile and local's data folder")
    func banner() {
        let paths = Paths(config: "/c", state: "/s", data: "/home/u/.local/share/r2s")
        let local = Prompt.banner(profile: Profile(name: "local"), paths: paths, color: false, language: .en)
        #expect(local.hasPrefix("r2s \(R2SVersion.current) — profile local (local folder + SQLite in /home/u/.local/share/r2s)\n"))
        let prod = Prompt.banner(profile: Profile(name: "prod"), paths: paths, color: false, language: .ptBR)
        #expect(prod.contains("perfil prod !PRODUÇÃO!"))
    }
}
