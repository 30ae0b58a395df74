import ArgumentParser
import Catalog
import ObjectStore
import R2SCore

/// `catalog check`: schema findings plus data checks that work on every store.
struct CatalogCheckCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Compare the catalog table with the expected schema.",
        discussion: """
            Reports missing columns and wrong types, a size column limited to INTEGER (files
            above 2,147,483,647 bytes cannot be cataloged; prints the ALTER … TYPE BIGINT fix),
            a missing index on url (prints CREATE INDEX), duplicate active urls, and active rows
            whose url is not under R2_PUBLIC_URL, and the url styles in use (raw, encoded) with
            their row counts: raw and encoded rows mixed under one base are a warning whose fix
            is `catalog normalize-urls`. Exits 6 when it finds a warning or an error.

            EXAMPLES:
              catalog check
              catalog check --json
              catalog check --public-url https://cdn.example.com
            """)

    @Option(help: "The public URL base rows should be under (default: the profile's R2_PUBLIC_URL).")
    var publicURL: String?

    func run(in context: ShellContext) async throws -> ExitStatus {
        let store = try CatalogModule.store(in: context)
        let report = try await store.checkSchema()
        var findings = report.findings
        if report.tableExists, let base = try? CatalogModule.publicBase(publicURL, in: context) {
            findings += try await Self.urlFindings(store, base: base)
            findings += try await URLStyleReport.findings(store, mapping: KeyMapping(publicBase: base))
        }
        let rows = context.rows([OutputColumn("severity"), OutputColumn("finding"), OutputColumn("fix")])
        for f in findings {
            rows.add([.string(f.severity.rawValue), .string(f.message), .text(f.fixSQL)])
        }
        rows.finish()
        if !report.tableExists {
            context.info(LocalizedText(en: "create it with `catalog init`", ptBR: "crie-a com `catalog init`"))
        } else if findings.isEmpty, context.format == .table {
            context.info(LocalizedText(en: "\(store.displayName): schema as expected", ptBR: "\(store.displayName): esquema como esperado"))
        }
        return findings.contains { $0.severity != .info } ? .drift : .ok
    }

    /// Active rows whose url does not start with `<base>/`, counted by the store and shown
    /// with a few examples.
    static func urlFindings(_ store: any CatalogStore, base: String) async throws -> [SchemaReport.Finding] {
        var prefix = base
        while prefix.hasSuffix("/") { prefix.removeLast() }
        prefix += "/"
        let total = try await store.count(RecordQuery())
        let under = try await store.count(RecordQuery(urlPrefixes: [prefix]))
        guard total > under else { return [] }
        var examples: [String] = []
        search: for try await page in store.records(RecordQuery()) {
            for r in page where !r.url.hasPrefix(prefix) {
                examples.append(r.url)
                if examples.count == 3 { break search }
            }
        }
        return [
            .init(
                severity: .warning,
                message: "\(total - under) active rows have a url not under \(prefix) (e.g. \(examples.joined(separator: ", ")))")
        ]
    }
}
