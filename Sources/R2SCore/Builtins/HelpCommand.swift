import ArgumentParser

/// `help [COMMAND [SUB]]`: lists commands grouped by module, or shows one command's help.
struct HelpCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "help",
        abstract: "List commands, or show the help of one command.",
        discussion: """
            EXAMPLES:
              help             # all commands, grouped by module
              help ls          # usage, options and examples of `ls`
              help filter add  # help of a subcommand
            """)

    @Argument(help: "The command (and subcommand) to explain.")
    var command: [String] = []

    func run(in context: ShellContext) async throws -> ExitStatus {
        guard let word = command.first else {
            listAll(context)
            return .ok
        }
        if let text = context.registry.reservedWords[word] {
            context.console.writeLine("\(word): \(text)")
            context.console.writeLine("See docs/language.md for the .r2s language.")
            return .ok
        }
        // Reuse the dispatcher so `help X` and `X --help` print exactly the same text.
        let dispatcher = Dispatcher(registry: context.registry)
        return await dispatcher.execute(command + ["--help"], in: context)
    }

    private func listAll(_ context: ShellContext) {
        let registry = context.registry
        if context.format != .table {
            let rows = context.rows([OutputColumn("command"), OutputColumn("group"), OutputColumn("abstract")])
            for (group, names) in registry.groupedEntries {
                for name in names { rows.add([.string(name), .string(group), .string(registry.entry(name)?.abstract ?? "")]) }
            }
            for (word, text) in registry.reservedWords.sorted(by: { $0.key < $1.key }) {
                rows.add([.string(word), "shell", .string(text)])
            }
            rows.finish()
            return
        }
        var out = "r2s \(R2SVersion.current) — commands (`help CMD` or `CMD --help` for details)\n"
        let width = (registry.allNames.map(\.count).max() ?? 8) + 2
        func line(_ name: String, _ abstract: String) -> String {
            "  " + name + String(repeating: " ", count: max(1, width - name.count)) + abstract + "\n"
        }
        for (group, names) in registry.groupedEntries where !names.isEmpty {
            out += "\n" + group.uppercased() + "\n"
            for name in names { out += line(name, registry.entry(name)?.abstract ?? "") }
        }
        if !registry.reservedWords.isEmpty {
            out += "\nSHELL\n"
            for (word, text) in registry.reservedWords.sorted(by: { $0.key < $1.key }) { out += line(word, text) }
        }
        out += "\nGlobal options: --json, --csv, -q. Exit codes: docs/exit-codes.md.\n"
        context.console.write(out)
    }
}
