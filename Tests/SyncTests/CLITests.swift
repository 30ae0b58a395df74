import Catalog
import CatalogSQLite
import Foundation
import LocalStore
import ObjectStore
import Testing

/// The real `r2s` executable on the embedded `local` profile (local folder + SQLite under
/// XDG_DATA_HOME): `r2s -f` applying a `sync --plan`, and the original's log lines in pt-BR.
@Suite struct CLITests {
    /// A private home with the local profile's bucket and catalog filled the same way each time.
    struct Home {
        let path: String
        var data: String { path + "/data/r2s/local" }

        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-sync-cli-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path + "/data/r2s/local", withIntermediateDirectories: true)
        }

        func populate() async throws {
            let store = try LocalFolderStore(root: data + "/bucket")
            let file = path + "/payload"
            try Data("abc".utf8).write(to: URL(fileURLWithPath: file))
            for key in ["fichas/exame.pdf", "fichas/foto + legenda.jpg", "fichas/relatorio_2023.pdf", "docs/ata.pdf"] {
                _ = try await store.upload(file, to: key, contentType: MediaTypes.type(forKey: key), progress: nil)
            }
            let catalog = try SQLiteCatalog(path: data + "/catalog.sqlite", createTable: true)
            let mapping = KeyMapping(publicBase: "https://local.r2s.invalid")
            let rows = try await catalog.insert(
                ["fichas/exame.pdf", "fichas/relatorio_2022.pdf", "docs/ata.pdf", "docs/back.pdf"].map {
                    NewRecord(nome: String($0.split(separator: "/").last!), url: mapping.url(for: $0), contentType: "application/pdf", size: 3)
                })
            _ = try await catalog.softDelete(ids: [rows[3].id], actor: nil)
            // Uploaded again after the deletion (beyond the clocks' tolerance): sync restores it.
            try await Task.sleep(for: DeletionOrder.tolerance + .seconds(1))
            _ = try await store.upload(file, to: "docs/back.pdf", contentType: "application/pdf", progress: nil)
        }

        func endState() async throws -> [String] {
            let catalog = try SQLiteCatalog(path: data + "/catalog.sqlite")
            return try await catalog.allRecords(RecordQuery(deleted: .include))
                .map { "\($0.url) \($0.deletedAt == nil ? "active" : "deleted")" }.sorted()
        }

        func r2s(_ arguments: String..., language: String = "C.UTF-8") throws -> Spawn.Result {
            try Spawn.run(
                CLITests.binary, arguments,
                environment: [
                    "PATH": "/usr/bin:/bin", "HOME": path, "LANG": language, "XDG_CONFIG_HOME": path + "/config",
                    "XDG_STATE_HOME": path + "/state", "XDG_DATA_HOME": path + "/data",
                ])
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    static let binary: String = {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("r2s").path
    }()

    @Test("`r2s -f` on a `sync --plan` gives the same end state as `sync`; pt-BR log lines as the original",
          .enabled(if: FileManager.default.isExecutableFile(atPath: CLITests.binary)))
    func planThroughTheExecutable() async throws {
        let viaSync = try Home(), viaPlan = try Home()
        defer { viaSync.remove(); viaPlan.remove() }
        try await viaSync.populate()
        try await viaPlan.populate()

        let synced = try viaSync.r2s("-c", "sync --min-age 0s", language: "pt_BR.UTF-8")
        #expect(synced.status == 0, "\(synced.err)")
        // The target line comes first (docs/configuration.md), then only the original's log lines.
        var lines = synced.err.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("perfil local (nenhuma configuração encontrada: usando ") == true, "\(lines)")
        lines.removeFirst()
        #expect(lines.allSatisfy { $0.wholeMatch(of: /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d - (INFO|WARNING|ERROR) - .+/) != nil }, "\(lines)")
        #expect(synced.err.contains(" - INFO - Encontrados 5 arquivos no R2\n"))
        #expect(synced.err.contains(" - INFO - Encontrados 3 registros ativos na tabela storage\n"))
        #expect(synced.err.contains(
            " - INFO - Registro removido: relatorio_2022.pdf (URL: https://local.r2s.invalid/fichas/relatorio_2022.pdf)\n"))
        #expect(synced.err.contains(" - INFO - Sincronização concluída: 2 registros adicionados, 1 registro removido, 1 registro restaurado\n"))

        let plan = viaPlan.path + "/fix.r2s"
        let planned = try viaPlan.r2s("-c", "sync --plan \(plan) --min-age 0s")
        #expect(planned.status == 0, "\(planned.err)")
        let applied = try viaPlan.r2s("-f", plan)
        #expect(applied.status == 0, "\(applied.err)")
        #expect(try await viaPlan.endState() == viaSync.endState())
        #expect(try viaPlan.r2s("-c", "check --min-age 0s").status == 0)
        #expect(try viaSync.r2s("-c", "check --min-age 0s").status == 0)
        // Applying the plan again changes nothing.
        let before = try await viaPlan.endState()
        #expect(try viaPlan.r2s("-f", plan).status == 0)
        #expect(try await viaPlan.endState() == before)
    }
}

/// Runs a program with posix_spawn and waits (see `Shell.run` for why not `Process`).
enum Spawn {
    struct Result {
        var out: String
        var err: String
        var status: Int32
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-spawn-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, dir + "/out", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, dir + "/err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw Shell.Failed(description: "cannot run \(executable): errno \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(
            out: (try? String(contentsOfFile: dir + "/out", encoding: .utf8)) ?? "",
            err: (try? String(contentsOfFile: dir + "/err", encoding: .utf8)) ?? "", status: code)
    }
}
