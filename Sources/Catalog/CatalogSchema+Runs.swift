extension CatalogSchema {
    /// The run table of shared syncs (`sync --workers`, `sync --join`).
    public static let runsTable = "r2s_sync_runs"
    /// One lease row per partition of a run.
    public static let runLeasesTable = "r2s_sync_leases"

    /// DDL of both tables. `sqlite` stores timestamps as ISO-8601 text, like the catalog table.
    /// Every statement is `IF NOT EXISTS`, so `catalog init --upgrade` may run them on any catalog.
    /// No foreign key from the leases to the runs: creating one locks the runs table
    /// (SHARE ROW EXCLUSIVE) even when it exists, which queued every `catalog init` behind the
    /// others and behind running syncs (lock timeouts in a parallel test run).
    public static func runsDDL(sqlite: Bool = false) -> [String] {
        let time = sqlite ? "TEXT" : "TIMESTAMPTZ"
        let now = sqlite ? "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))" : "now()"
        return [
            """
            CREATE TABLE IF NOT EXISTS \(runsTable) (id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, state TEXT NOT NULL, \
            planner TEXT, totals TEXT, created_at \(time) NOT NULL DEFAULT \(now), updated_at \(time) NOT NULL DEFAULT \(now))
            """,
            """
            CREATE TABLE IF NOT EXISTS \(runLeasesTable) (run_id TEXT NOT NULL, \
            prefix TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending', owner TEXT, token TEXT, expires_at \(time), \
            last_batch INTEGER NOT NULL DEFAULT 0, last_key TEXT, takeovers INTEGER NOT NULL DEFAULT 0, counts TEXT, \
            PRIMARY KEY (run_id, prefix))
            """,
        ]
    }

    /// The columns `sync --workers` uses, per table.
    static let runsColumns = ["id", "fingerprint", "state", "planner", "totals", "created_at", "updated_at"]
    static let runLeasesColumns = [
        "run_id", "prefix", "state", "owner", "token", "expires_at", "last_batch", "last_key", "takeovers", "counts",
    ]

    /// What `catalog check` says about the run and lease tables, given their live columns (empty:
    /// the table is missing; nil: not visible, nothing to say). They are needed only by
    /// `sync --workers`/`--join`, so a missing table is information with the SQL that makes it.
    public static func compareRuns(runs: [String: String]?, leases: [String: String]?) -> [SchemaReport.Finding] {
        var out: [SchemaReport.Finding] = []
        let tables = [(runsTable, runs, runsColumns), (runLeasesTable, leases, runLeasesColumns)]
        if tables.contains(where: { $0.1?.isEmpty == true }) {
            out.append(
                .init(
                    severity: .info,
                    message: "tables \(runsTable) and \(runLeasesTable) do not exist: `sync --workers` and `sync --join` need them (`catalog init --upgrade`)",
                    fixSQL: runsDDL().map { $0 + ";" }.joined(separator: "\n")))
        }
        for (name, live, expected) in tables {
            guard let live, !live.isEmpty else { continue }
            let missing = expected.filter { live[$0] == nil }
            if !missing.isEmpty {
                out.append(.init(severity: .error, message: "table \(name) lacks the columns \(missing.joined(separator: ", ")): `sync --workers` cannot use it"))
            }
        }
        return out
    }
}
