import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore
import Scope
import SyncEngine

extension SyncRunner {
    /// The header of a `--report`: when, which r2s, which target (profile, bucket, catalog,
    /// table), which scope, and the run's counts (the summary's fields). No secret: the stores'
    /// descriptions never hold one, and the scope is the user's own flags.
    func reportHeader(_ result: SyncResult, engine: SyncEngine, scope: Scope, started: Date) -> OutputValue {
        let described = context.session.announcedTarget
        let table = described?.catalog?.detail ?? (try? context.profileDescription())?.table
        let bucket = described?.bucket?.name ?? engine.objectStore.displayName
        let catalog = described?.catalog.map { "\($0.kind) \($0.name)" } ?? engine.catalog.displayName
        let command: String =
            switch mode {
            case .check: "check"
            case .dryRun: "sync --dry-run"
            case .plan: "sync --plan"
            case .apply: "sync"
            }
        var counts = summaryFields(result)
        if !counts.contains(where: { $0.0 == "refused" }) { counts.append(("refused", .null)) }
        return .object([
            ("time", .string(CatalogTimestamp.format(started))),
            ("r2s_version", .string(R2SVersion.current)),
            ("command", .string(command)),
            ("target", .object([
                ("profile", .string(context.profile.name)), ("bucket", .string(bucket)), ("catalog", .string(catalog)),
                ("table", .text(table)),
            ])),
            ("scope", .string(SyncScopeArguments.describe(scope))),
            ("counts", .object(counts)),
        ])
    }
}
