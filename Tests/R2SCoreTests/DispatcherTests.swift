import R2SCore
import R2STestSupport
import Testing
import UtilModule

@Suite struct DispatcherTests {
    /// A fresh shell holding only the util module.
    static var util: TestShell { TestShell(modules: [UtilModule()]) }

    @Test("unknown command suggests the nearest word and exits 2")
    func unknownCommand() async {
        let result = await Self.util.run("slep 1")
        #expect(result.status == .usage)
        #expect(result.err.contains("unknown command 'slep'"))
        #expect(result.err.contains("did you mean: sleep"))
    }

    @Test("--help prints the command's usage and exits 0")
    func helpFlag() async {
        let result = await Self.util.run("sleep --help")
        #expect(result.status == .ok)
        #expect(result.out.contains("USAGE: sleep <seconds>"))
        #expect(result.out.contains("--json"))
    }

    @Test("a parse error prints usage on stderr and exits 2")
    func parseError() async {
        let result = await Self.util.run("sleep abc")
        #expect(result.status == .usage)
        #expect(result.err.contains("sleep"))
    }

    @Test("pt-BR error text when LANG=pt_BR")
    func portuguese() async {
        let shell = TestShell(modules: [UtilModule()], language: .ptBR)
        let result = await shell.run("nada")
        #expect(result.err.contains("erro: comando desconhecido 'nada'"))
    }

    @Test("help lists commands grouped by module; --json lists them as an array")
    func helpListing() async {
        let shell = Self.util
        let text = await shell.run("help")
        #expect(text.out.contains("UTIL\n"))
        #expect(text.out.contains("  sleep"))
        let json = await shell.run("help --json")
        #expect(json.out.hasPrefix("[\n{\"command\":"))
        #expect(json.out.contains("{\"command\":\"sleep\",\"group\":\"util\""))
    }
}
