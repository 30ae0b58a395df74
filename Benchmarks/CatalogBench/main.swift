// catalog-bench STORE OP N — one measurement per process, so the script can read peak RSS.
//   STORE: sqlite:PATH | postgres:URL | postgrest:BASE_URL|KEY|PG_URL   (table: $BENCH_TABLE)
//   OP:    setup N   create the table (dropping an old one) and insert N active rows
//          insert N  time one insert(_:) of N rows; prints seconds and round trips
//          drop      drop the table (Postgres kinds)
//          stream    time reading every active row through records(_:); prints rows and seconds
import Catalog
import CatalogPostgREST
import CatalogPostgres
import CatalogSQLite
import FoundationEssentials
import HTTP
import Postgres
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Counts PostgREST requests (one round trip each).
final class CountingTransport: PostgRESTTransport {
    let inner: HTTPClientTransport
    let count = Atomic<Int>(0)
    init(inner: HTTPClientTransport) { self.inner = inner }
    func send(_ request: PostgRESTRequest) async throws -> PostgRESTResponse {
        count.add(1, ordering: .relaxed)
        return try await inner.send(request)
    }
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func fmt(_ seconds: Double) -> String {
    let ms = Int((seconds * 1000).rounded())
    let frac = String(ms % 1000)
    return "\(ms / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
}

func rows(_ n: Int, tag: String) -> [NewRecord] {
    (0..<n).map { NewRecord(nome: "file \($0).pdf", url: "https://cdn.example.com/\(tag)/\($0).pdf", contentType: "application/pdf", size: Int64($0)) }
}

let args = CommandLine.arguments
guard args.count >= 3 else {
    print("usage: catalog-bench STORE OP [N]")
    exit(2)
}
let table = ProcessInfo.processInfo.environment["BENCH_TABLE"] ?? "bench_storage"
let spec = args[1]
let op = args[2]
let n = args.count > 3 ? Int(args[3]) ?? 0 : 0
let counter: CountingTransport? = spec.hasPrefix("postgrest:") ? CountingTransport(inner: HTTPClientTransport(client: try HTTPClient())) : nil

func open() throws -> any CatalogStore {
    if spec.hasPrefix("sqlite:") { return try SQLiteCatalog(path: String(spec.dropFirst(7)), table: table) }
    if spec.hasPrefix("postgres:") { return try PostgresCatalog(url: String(spec.dropFirst(9)), table: table) }
    let parts = spec.dropFirst(10).split(separator: "|").map(String.init)
    return try PostgRESTCatalog(url: parts[0], key: parts[1], table: table, transport: counter!)
}

func roundTrips() -> Int {
    if let counter { return counter.count.load(ordering: .relaxed) }
    return Postgres.Connection.statementCount
}

do {
    if op == "setup" {
        if spec.hasPrefix("sqlite:") {
            let path = String(spec.dropFirst(7))
            for suffix in ["", "-wal", "-shm", ".sync-lock"] { unlink(path + suffix) }
            try await SQLiteCatalog(path: path, table: table).initialize(withUsuarios: false)
        } else {
            let pg = spec.hasPrefix("postgres:") ? String(spec.dropFirst(9)) : String(spec.split(separator: "|")[2])
            let c = try Postgres.Connection(url: pg)
            _ = try c.execute("DROP TABLE IF EXISTS \"\(table)\"")
            _ = try c.execute("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"")
            _ = try c.execute("CREATE TABLE IF NOT EXISTS usuarios (id UUID PRIMARY KEY DEFAULT uuid_generate_v4(), nome TEXT, email TEXT UNIQUE)")
            try await PostgresCatalog(url: pg, table: table).initialize(withUsuarios: false)
        }
    }
    if op == "drop" {
        let pg = spec.hasPrefix("postgres:") ? String(spec.dropFirst(9)) : String(spec.split(separator: "|")[2])
        _ = try Postgres.Connection(url: pg).execute("DROP TABLE IF EXISTS \"\(table)\"")
        exit(0)
    }
    let store = try open()
    switch op {
    case "setup":
        let t0 = now()
        for start in stride(from: 0, to: n, by: 10_000) { _ = try await store.insert(rows(min(10_000, n - start), tag: "s\(start)")) }
        print("setup: \(n) rows in \(fmt(now() - t0)) s")
    case "insert":
        let before = roundTrips()
        let t0 = now()
        let stored = try await store.insert(rows(n, tag: "i\(Int(t0))"))
        let t = now() - t0
        print("insert: \(stored.count) rows in \(fmt(t)) s, \(roundTrips() - before) round trips")
    case "stream":
        let t0 = now()
        var count = 0
        for try await page in store.records(RecordQuery()) { count += page.count }
        print("stream: \(count) rows in \(fmt(now() - t0)) s, \(roundTrips()) round trips")
    default:
        print("unknown op \(op)")
        exit(2)
    }
} catch {
    print("error: \(error)")
    exit(1)
}
