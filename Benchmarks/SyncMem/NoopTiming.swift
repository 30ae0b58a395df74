import Catalog
import FoundationEssentials
import ObjectStore
import Scope
import SyncEngine

/// The no-op read + classify of `n` objects and their `n` rows through the engine's own reading
/// path (NFC key, media type and a one-layer `--type text/*` scope per object and row), fastest
/// of 3 runs, in ms of CPU time. Prints the line the notes quote.
func noopTiming(_ n: Int) async throws -> Double {
    let now = Date(timeIntervalSince1970: 1_700_000_000)
    let mapping = KeyMapping(publicBase: "https://cdn.bench.example")
    let scope = try Scope(layers: [FilterRules(types: ["text/*"])], referenceDate: now)
    let bucket = MemoryBucket(NoopData.objects(n, now: now))
    let rows = (0..<n).map { i in
        CatalogRecord(id: UUID(), nome: "f\(i).txt", url: mapping.url(for: KeyMapping.canonicalKey(NoopData.key(i))),
                      contentType: "text/plain", size: 1, createdAt: now, updatedAt: now)
    }
    var unchanged = 0
    let ms = try await fastest(3) {
        let objects = try await ObjectIndex.read(store: bucket, prefixes: [""], pageSize: 1000, scope: scope) { _ in }
        let stream = AsyncThrowingStream<[CatalogRecord], any Error> { c in
            var i = 0
            while i < rows.count { c.yield(Array(rows[i..<min(rows.count, i + 1000)])); i += 1000 }
            c.finish()
        }
        let catalog = try await CatalogIndex.read(stream, mapping: mapping, scope: scope) { _ in }
        let (_, summary) = SyncClassifier(options: SyncOptions(now: now.addingTimeInterval(86_400)), mapping: mapping)
            .classify(objects: objects, catalog: catalog)
        unchanged = summary.unchanged
    }
    print("no-op read+classify n=\(n): \(Int(ms)) ms CPU (fastest of 3), unchanged \(unchanged)")
    return ms
}
