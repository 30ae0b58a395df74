import ArgumentParser
import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore
import Scope
import ScopeCommandLine
import Services

/// `catalog normalize-urls --to raw|encoded`: one spelling for every row's url.
struct CatalogNormalizeURLsCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize-urls", abstract: "Rewrite the spelling of rows' urls: raw or encoded (never the key).",
        discussion: """
            Another app that shares the table (the original web app's sync) may compare urls as \
            exact strings: a row spelled `…/a%20b.pdf` is not its `…/a b.pdf`, so it soft-deletes \
            the row and adds one without tipo_referencia/referencia_id. This rewrites the active \
            rows under R2_PUBLIC_URL (or --public-url) to one spelling: `raw` (base + "/" + key) \
            or `encoded` (percent-encoded: the encoded spelling the rows already use, else r2s's \
            own). The key each url names never changes. A row whose new url is already another \
            active row's url is skipped and listed (two rows for one file: see `show KEY`). \
            Batches of --batch rows, each in one transaction where the catalog has them: safe to \
            interrupt and run again. Set R2S_URL_STYLE to the same style so new rows follow it. \
            `catalog check` reports the styles in use. Exit 6 when rows were skipped.

            EXAMPLES:
              catalog normalize-urls --to raw --dry-run
              catalog normalize-urls --to raw
              catalog normalize-urls --to encoded fichas/ --dry-run
              catalog normalize-urls --to raw --type pdf --json
            """)

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case raw, encoded
    }

    @Option(help: ArgumentHelp("The spelling to write: raw or encoded.", valueName: "STYLE"))
    var to: Target

    @Argument(help: ArgumentHelp("Only keys under this folder.", valueName: "PREFIX"))
    var prefix: String?

    @Flag(help: "Show what would change; change nothing.")
    var dryRun = false

    @Option(help: "The public URL base (default: the profile's R2_PUBLIC_URL).")
    var publicURL: String?

    @Option(help: ArgumentHelp("Rows per batch (1–1000).", valueName: "N"))
    var batch = 500

    @OptionGroup var scope: ScopeOptions

    func validate() throws {
        guard (1...1000).contains(batch) else { throw ValidationError("--batch must be between 1 and 1000") }
    }

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        ScopeOptions.complete(request, in: context)
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        guard let base = try CatalogModule.publicBase(publicURL, in: context) else {
            throw CommandError(
                LocalizedText(en: "no public url base to normalize under", ptBR: "nenhuma base pública de url para normalizar"),
                hint: LocalizedText(en: "set R2_PUBLIC_URL or pass --public-url https://…",
                                    ptBR: "defina R2_PUBLIC_URL ou passe --public-url https://…"),
                status: .config)
        }
        let resolved = try scope.resolve(prefixes: prefix.map { [$0] } ?? [], in: context)
        let actor = dryRun ? nil : try context.catalogActor()
        let store = try CatalogModule.store(in: context)
        let normalizer = URLNormalizer(store: store, mapping: KeyMapping(publicBase: base), scope: resolved, batchSize: batch)
        let style = try await normalizer.targetStyle(raw: to == .raw)
        var outcome = try await normalizer.plan(style)
        if dryRun {
            let rows = context.rows([OutputColumn("id"), OutputColumn("from"), OutputColumn("to")])
            for c in outcome.planned { rows.add([.string(c.id.uuidString.lowercased()), .string(c.from), .string(c.to)]) }
            rows.finish()
        } else {
            try await normalizer.apply(&outcome, actor: actor) { done in
                context.info(LocalizedText(en: "rewritten \(done) urls", ptBR: "\(done) urls reescritas"))
            }
        }
        for c in outcome.collisions {
            context.warn(LocalizedText(
                en: "row \(c.id.uuidString.lowercased()) skipped: \(c.to) is already another active row's url",
                ptBR: "linha \(c.id.uuidString.lowercased()) ignorada: \(c.to) já é a url de outra linha ativa"))
        }
        let summary: [(String, OutputValue)] = [
            ("style", .string(style.description)), ("dry_run", .bool(dryRun)),
            ("rows_read", .int(Int64(outcome.rowsRead))), ("to_rewrite", .int(Int64(outcome.planned.count))),
            ("rewritten", .int(Int64(outcome.rewritten))), ("skipped_collisions", .int(Int64(outcome.collisions.count))),
            ("undecodable", .int(Int64(outcome.undecodable))),
        ]
        if dryRun, context.format != .table {
            // The planned rows were the listing; the counts go to stderr as a note.
            context.info(LocalizedText(
                en: "\(outcome.planned.count) urls would be rewritten to \(style)",
                ptBR: "\(outcome.planned.count) urls seriam reescritas como \(style)"))
        } else {
            context.summary(summary)
        }
        return outcome.collisions.isEmpty ? .ok : .drift
    }
}
