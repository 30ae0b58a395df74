import Catalog
import FoundationEssentials
import ObjectStore
import Scope

/// Plans and applies `catalog normalize-urls`: rewrites the spelling of rows' urls (raw ⇄
/// encoded) under the primary public base, never the key they name.
///
/// Safe to interrupt and rerun: it plans from the rows as they are now (a rewritten row is
/// already in the target spelling and is left alone) and applies in batches, each in one
/// transaction where the store has them. Before each batch it looks the new urls up: a row whose
/// new url is already another active row's url is skipped and reported (two rows for one file;
/// `show` and `rm ID` sort that out), never merged.
struct URLNormalizer {
    /// One planned rewrite.
    struct Change: Sendable {
        var id: UUID
        var from: String
        var to: String
    }

    /// What a run found and did.
    struct Outcome: Sendable {
        var rowsRead = 0
        var planned: [Change] = []
        var rewritten = 0
        var collisions: [Change] = []
        /// Rows whose key part does not decode to UTF-8 (left alone).
        var undecodable = 0
    }

    let store: any CatalogStore
    let mapping: KeyMapping
    let scope: Scope
    let batchSize: Int

    /// The target spelling: raw, or the encoded spelling the scoped rows already use
    /// (r2s's own when none is encoded yet). Reads the scoped rows once.
    func targetStyle(raw: Bool) async throws -> URLStyle {
        if raw { return .raw }
        var evidence = URLStyleEvidence()
        for try await page in store.records(query) {
            for row in page { if let part = mapping.keyPart(of: row.url) { evidence.add(path: part) } }
        }
        return .encoded(evidence.encodedSpelling)
    }

    /// Every active row in scope whose url is spelled differently from `style`. The plan is held
    /// in memory (one small struct per row to change) so no write runs while a read is open.
    func plan(_ style: URLStyle) async throws -> Outcome {
        var outcome = Outcome()
        let spaceAsPlus: Bool
        if case .encoded(let spelling) = style { spaceAsPlus = spelling.spaceAsPlus } else { spaceAsPlus = false }
        for try await page in store.records(query) {
            try Task.checkCancellation()
            for row in page {
                outcome.rowsRead += 1
                guard let part = mapping.keyPart(of: row.url) else { continue }
                guard let key = KeyMapping.storedKey(keyPart: part, spaceAsPlus: spaceAsPlus) else {
                    outcome.undecodable += 1
                    continue
                }
                guard scope.matches(record: row, key: KeyMapping.canonicalKey(key)) else { continue }
                let url = mapping.publicBase + "/" + style.path(for: key)
                if !url.utf8.elementsEqual(row.url.utf8) { outcome.planned.append(Change(id: row.id, from: row.url, to: url)) }
            }
        }
        return outcome
    }

    /// Applies `outcome.planned` batch by batch; collisions are skipped and recorded.
    func apply(_ outcome: inout Outcome, actor: UUID?, progress: (Int) -> Void) async throws {
        var taken: Set<String> = []
        for start in stride(from: 0, to: outcome.planned.count, by: batchSize) {
            try Task.checkCancellation()
            let batch = Array(outcome.planned[start..<min(start + batchSize, outcome.planned.count)])
            let existing = try await store.records(urls: batch.map(\.to)).filter { !$0.isDeleted }
            var occupied: [String: UUID] = [:]
            for row in existing { occupied[row.url] = row.id }
            var apply: [Change] = []
            for change in batch {
                let occupiedByOther = occupied[change.to].map { $0 != change.id } ?? false
                if occupiedByOther || !taken.insert(change.to).inserted {
                    outcome.collisions.append(change)
                } else {
                    apply.append(change)
                }
            }
            let ready = apply
            let written = try await store.withTransaction { writer in
                for change in ready { _ = try await writer.update(id: change.id, RecordChanges(url: change.to), actor: actor) }
                return ready.count
            }
            outcome.rewritten += written
            progress(outcome.rewritten)
        }
    }

    /// Active rows under the primary base, narrowed by the scope's prefixes.
    var query: RecordQuery {
        var q = scope.recordQuery(mapping: KeyMapping(publicBase: mapping.publicBase), deleted: .exclude)
        q.urlPrefixes = q.urlPrefixes.filter { $0.hasPrefix(mapping.publicBase + "/") }
        if q.urlPrefixes.isEmpty { q.urlPrefixes = [mapping.publicBase + "/"] }
        return q
    }
}
