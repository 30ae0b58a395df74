import Catalog
import ObjectStore

/// `catalog check`'s url-style findings: how the active rows under the public base spell their
/// keys, counted per spelling, and a warning when raw and encoded rows are mixed — the other
/// app's sync (which compares urls as exact strings) then replaces the rows it does not spell
/// its own way.
enum URLStyleReport {
    /// Reads every active row under `mapping.publicBase + "/"` and reports the styles in use.
    static func findings(_ store: any CatalogStore, mapping: KeyMapping) async throws -> [SchemaReport.Finding] {
        var evidence = URLStyleEvidence()
        let query = RecordQuery(deleted: .exclude, urlPrefixes: [mapping.publicBase + "/"])
        for try await page in store.records(query) {
            for row in page {
                if let part = mapping.keyPart(of: row.url) { evidence.add(path: part) }
            }
        }
        return findings(evidence, base: mapping.publicBase)
    }

    /// The findings for already gathered evidence.
    static func findings(_ evidence: URLStyleEvidence, base: String) -> [SchemaReport.Finding] {
        let raw = evidence.counts[.raw, default: 0], encoded = evidence.counts[.encoded, default: 0]
        let plain = evidence.counts[.plain, default: 0] + evidence.counts[.ambiguous, default: 0]
        var parts: [String] = []
        if raw > 0 { parts.append("raw \(raw)") }
        if encoded > 0 { parts.append("\(evidence.encodedSpelling) \(encoded)") }
        if plain > 0 { parts.append("no character needing escaping \(plain)") }
        guard !parts.isEmpty else { return [] }
        var out = [SchemaReport.Finding(
            severity: .info, message: "url styles of active rows under \(base)/: \(parts.joined(separator: ", "))")]
        if evidence.isMixed {
            let to = raw > encoded ? "raw" : "encoded"
            out.append(SchemaReport.Finding(
                severity: .warning,
                message: "mixed url styles under \(base)/ (raw \(raw), encoded \(encoded)): an app whose sync compares "
                    + "urls as exact strings replaces the rows spelled differently (losing referencia_id); "
                    + "review with --dry-run first",
                fixSQL: "catalog normalize-urls --to \(to)"))
        }
        return out
    }
}
