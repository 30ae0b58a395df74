// The sync engine's per-key memory, in-process and without servers: builds the catalog and
// listing indexes for N synthetic keys and reports the RSS each adds (scripts/bench/sync.sh
// measures the whole `r2s sync` against real servers). Usage: sync-mem [N] [NOOP_N]: with NOOP_N,
// also times the in-memory no-op read + classify of NOOP_N objects and rows (NoopTiming.swift).
import Catalog
import FoundationEssentials
import ObjectStore
import Scope
import SyncEngine
#if canImport(Glibc)
import Glibc
#endif

func rssKB() -> Int {
    guard let f = fopen("/proc/self/status", "r") else { return 0 }
    defer { fclose(f) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, 256, f) != nil {
        let s = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if s.hasPrefix("VmRSS:") { return Int(s.split(separator: " ").dropFirst().first ?? "0") ?? 0 }
    }
    return 0
}

let n = Int(CommandLine.arguments.dropFirst().first ?? "100000") ?? 100_000
let mapping = KeyMapping(publicBase: "https://cdn.bench.example")
let everything = Scope.everything()
let base = rssKB()
var catalog = CatalogIndex()
let now = Date()
for i in 0..<n {
    let key = "d\(i % 200)/f\(String(i).leftPad(7)).txt"
    let r = CatalogRecord(id: UUID(), nome: "f\(i).txt", url: mapping.url(for: key), contentType: "text/plain", size: 1,
                          createdAt: now, updatedAt: now)
    catalog.add(r, mapping: mapping, scope: everything)
}
let afterCatalog = rssKB()
var objects = ObjectIndex()
for i in 0..<n {
    let key = "d\(i % 200)/f\(String(i).leftPad(7)).txt"
    objects.add(IndexedObject(key: key, size: 1, lastModified: now, contentType: "text/plain", inScope: true), canonicalKey: key)
}
catalog.sort()
objects.sort()
let afterObjects = rssKB()
let (plan, summary) = SyncClassifier(options: SyncOptions(), mapping: mapping).classify(objects: objects, catalog: catalog)
let afterClassify = rssKB()
print("n=\(n) base \(base) KB; catalog +\(afterCatalog - base) KB (\((afterCatalog - base) * 1024 / n) B/row); objects +\(afterObjects - afterCatalog) KB (\((afterObjects - afterCatalog) * 1024 / n) B/obj); classify +\(afterClassify - afterObjects) KB; unchanged \(summary.unchanged) plan \(plan.changeCount)")

extension String {
    func leftPad(_ w: Int) -> String { String(repeating: "0", count: max(0, w - count)) + self }
}
if CommandLine.arguments.count > 2 { _ = try await noopTiming(Int(CommandLine.arguments[2]) ?? 50_000) }
