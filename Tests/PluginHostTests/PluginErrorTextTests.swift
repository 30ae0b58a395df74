import PluginHost
import R2SCore
import Testing

/// PluginError's words and statuses in both languages, as before its texts became properties.
@Suite struct PluginErrorTextTests {
    @Test("messages, hints and statuses of plugin errors")
    func texts() {
        let missing = PluginError.notFound(name: "orphan", suggestions: ["orphans"])
        #expect(missing.userMessage == "no plugin named 'orphan'")
        #expect(missing.localizedHint(.ptBR) == "você quis dizer: orphans?")
        #expect(PluginError.notFound(name: "x", suggestions: []).hint == "`plugin ls` lists the plugins")
        #expect(missing.exitStatus == .usage)
        let unsafe = PluginError.unsafe(name: "p", problem: .worldWritable(path: "/pl/p"))
        #expect(
            unsafe.localizedMessage(.ptBR)
                == "plugin 'p' não executado: /pl/p pode ser alterado por qualquer usuário (world-writable)")
        #expect(unsafe.hint == "chmod go-w '/pl/p'" && unsafe.exitStatus == .refused)
        let spawn = PluginError.spawnFailed(name: "p", path: "/pl/p", reason: "Exec format error")
        #expect(spawn.localizedMessage(.ptBR) == "não consigo executar o plugin 'p' (/pl/p): Exec format error")
        #expect(spawn.exitStatus == .failure)
    }
}
