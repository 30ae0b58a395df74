import ArgumentParser
import Catalog
import ObjectStore
import R2SCore
import Scope
import ScopeCommandLine

/// `du [PREFIX]`: space used per folder or per type, from the catalog.
struct DuCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "du",
        abstract: "Space used per subfolder or per content type (answered from the catalog).",
        discussion: """
            Sums the size column of active rows (soft-deleted with --deleted) under PREFIX, grouped
            by the next folder level (--by prefix, the default; files directly in PREFIX count
            under PREFIX itself) or by content_type (--by type). The scope flags apply as in `ls`.
            Rows whose url is outside the bucket are counted under "(not in bucket)" when there is
            no scope. Sizes are the catalog's; compare with the bucket using `ls` or `check`.

            EXAMPLES:
              du
              du fichas --by type
              du --type 'image/*' --json
            """)

    @Argument(help: ArgumentHelp("Folder to sum (default: everything).", valueName: "PREFIX"))
    var prefix: String?

    @Option(help: ArgumentHelp("Group by prefix (next folder level) or type.", valueName: "prefix|type"))
    var by = "prefix"

    @OptionGroup var scope: ScopeOptions

    @Flag(help: "Sum soft-deleted rows instead of active ones.")
    var deleted = false

    func validate() throws {
        guard by == "prefix" || by == "type" else { throw ValidationError("--by must be prefix or type") }
    }

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        if request.option == "--by" { return ["prefix", "type"].filter { $0.hasPrefix(request.prefix) } }
        if request.option != nil { return ScopeOptions.complete(request, in: context) }
        return await Completion.prefixes(request.prefix, in: context)
    }

    private struct Usage {
        var files: Int64 = 0
        var bytes: Int64 = 0
        var unsized: Int64 = 0
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        let folder = FilterRules.normalizePrefix(prefix ?? "")
        let resolved = try scope.resolve(prefixes: prefix.map { [$0] } ?? [], in: context)
        let access = try StorageAccess(context)
        let catalog = try access.catalog()
        let mapping = try access.mapping()
        var groups: [String: Usage] = [:]
        var total = Usage()
        for try await page in catalog.records(in: resolved, mapping: mapping, deleted: deleted ? .only : .exclude) {
            for row in page {
                let group: String
                switch mapping.resolve(row.url) {
                case .key(let key):
                    guard resolved.matches(record: row, key: key) else { continue }
                    group = by == "type" ? (row.contentType ?? context.text(.noType)) : Self.group(of: key, under: folder)
                default:
                    guard resolved.isUnrestricted else { continue }
                    group = by == "type" ? (row.contentType ?? context.text(.noType)) : context.text(.unresolved)
                }
                var usage = groups[group] ?? Usage()
                usage.files += 1
                usage.bytes += row.size ?? 0
                if row.size == nil { usage.unsized += 1 }
                groups[group] = usage
                total.files += 1
                total.bytes += row.size ?? 0
            }
        }
        let ordered =
            by == "type"
            ? groups.sorted { $0.value.bytes != $1.value.bytes ? $0.value.bytes > $1.value.bytes : $0.key < $1.key }
            : groups.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        let rows = context.rows([
            OutputColumn(by == "type" ? "content_type" : "prefix"), OutputColumn("files", alignRight: true),
            OutputColumn("size", alignRight: true), OutputColumn("unsized", alignRight: true),
        ])
        for (name, usage) in ordered {
            rows.add([.string(name.isEmpty ? "/" : name), .int(usage.files), Format.size(usage.bytes, context.format), .int(usage.unsized)])
        }
        if context.format == .table {
            rows.add([.string(context.text(.total)), .int(total.files), Format.size(total.bytes, context.format), nil])
        }
        rows.finish()
        return .ok
    }

    /// `fichas/2026/a.pdf` under `fichas/` → `fichas/2026/`; `fichas/a.pdf` → `fichas/`.
    static func group(of key: String, under folder: String) -> String {
        let canonical = KeyMapping.canonicalKey(key)
        guard canonical.utf8.starts(with: folder.utf8) else { return folder }
        let rest = canonical.utf8.dropFirst(folder.utf8.count)
        guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else { return folder }
        return folder + String(decoding: rest[..<rest.index(after: slash)], as: UTF8.self)
    }
}
