// swift-tools-version:6.0
import PackageDescription

/// Every Swift target uses the same strict settings: explicit imports, `any` for existentials.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
    name: "r2s",
    platforms: [.macOS(.v14)],
    products: [.executable(name: "r2s", targets: ["r2s"])],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0")
    ],
    targets: [
        // Layer order: each target depends only on targets listed above it.

        // MARK: 1. Leaf vocabulary (no dependencies): what both the shell and the stores speak
        // User-facing errors, exit statuses, languages and texts, the secret rule, target descriptions.
        .target(name: "UserFacing", swiftSettings: strict),
        // Calendar arithmetic shared by every timestamp parser/formatter.
        .target(name: "CivilDate", swiftSettings: strict),

        // MARK: 2. C system libraries (shim.h wraps what Swift cannot call) and their thin Swift wrappers
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "SQLite", dependencies: ["CSQLite"], swiftSettings: strict),
        .systemLibrary(name: "CPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(name: "Postgres", dependencies: ["CPQ"], swiftSettings: strict),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "HTTP", dependencies: ["CCurl"], swiftSettings: strict),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "Digests", dependencies: ["COpenSSL"], swiftSettings: strict),
        // The signer depends on digests only: never on curl, HTTP or the shell.
        .target(name: "SigV4", dependencies: ["Digests", "CivilDate"], swiftSettings: strict),
        .systemLibrary(name: "CEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "LineEditing", dependencies: ["CEdit"], swiftSettings: strict),

        // MARK: 3. Storage abstractions (no C, no shell): what modules program against
        .target(name: "ObjectStore", dependencies: ["UserFacing"], swiftSettings: strict),
        .target(name: "Catalog", dependencies: ["UserFacing", "CivilDate"], swiftSettings: strict),
        // `watch` (issue 18): what an event queue is (pull, ack, retry) and the R2 event body.
        .target(name: "EventQueue", dependencies: ["UserFacing"], swiftSettings: strict),

        // MARK: 4. Stores: one target per backend, each importing UserFacing, never R2SCore
        .target(
            name: "S3", dependencies: ["ObjectStore", "HTTP", "SigV4", "Digests", "CivilDate", "UserFacing"],
            swiftSettings: strict),
        // The embedded `local` profile's bucket: a folder on disk with sidecar metadata.
        .target(name: "LocalStore", dependencies: ["ObjectStore", "UserFacing"], swiftSettings: strict),
        .target(name: "CatalogSQLite", dependencies: ["Catalog", "SQLite", "UserFacing"], swiftSettings: strict),
        .target(name: "CatalogPostgres", dependencies: ["Catalog", "Postgres", "UserFacing"], swiftSettings: strict),
        .target(name: "CatalogPostgREST", dependencies: ["Catalog", "HTTP", "UserFacing"], swiftSettings: strict),

        // MARK: 5. The sync algorithm (storage side: no shell)
        // Scopes (issue 7), the pure model: prefixes, compiled filter rules, time bounds, durations.
        .target(name: "Scope", dependencies: ["ObjectStore", "Catalog", "CivilDate", "UserFacing"], swiftSettings: strict),
        .target(name: "SyncEngine", dependencies: ["ObjectStore", "Catalog", "Scope", "UserFacing"], swiftSettings: strict),

        // MARK: 6. Shell core (imports no C library, knows nothing of storage) and the interactive shell
        .target(name: "R2SCore", dependencies: ["UserFacing", argumentParser], swiftSettings: strict),
        .target(name: "Repl", dependencies: ["R2SCore", "LineEditing"], swiftSettings: strict),

        // MARK: 7. Where the shell meets storage
        // The command-line half of scopes (issue 7): the shared scope flags and the named-filter file.
        .target(
            name: "ScopeCommandLine", dependencies: ["Scope", "R2SCore", argumentParser], swiftSettings: strict),
        // What commands need from the active profile (StorageServices).
        .target(name: "Services", dependencies: ["R2SCore", "ObjectStore", "Catalog", "Scope"], swiftSettings: strict),
        // Production wiring: profile settings → bucket, catalog, url mapping.
        .target(
            name: "Backends",
            dependencies: [
                "R2SCore", "Services", "ObjectStore", "Catalog", "S3", "LocalStore", "HTTP", "CatalogSQLite", "CatalogPostgres",
                "CatalogPostgREST",
            ],
            swiftSettings: strict),

        // `watch` (issue 18): the Cloudflare Queues pull consumer (its settings still read a Profile, like
        // every store's settings until each store owns its parser).
        .target(name: "CloudflareQueues", dependencies: ["EventQueue", "HTTP", "R2SCore"], swiftSettings: strict),

        // MARK: 8. Command modules (plugins/<module>/Sources), runtime plugins and the `plugin` command
        .target(
            name: "UtilModule", dependencies: ["R2SCore", argumentParser],
            path: "plugins/util/Sources", swiftSettings: strict),
        .target(
            name: "FiltersModule",
            dependencies: ["R2SCore", "ObjectStore", "Catalog", "Scope", "ScopeCommandLine", "Services", argumentParser],
            path: "plugins/filters/Sources", swiftSettings: strict),
        .target(
            name: "SyncModule",
            dependencies: ["R2SCore", "SyncEngine", "ObjectStore", "Catalog", "Scope", "ScopeCommandLine", "Services", "EventQueue", argumentParser],
            path: "plugins/sync/Sources", swiftSettings: strict),
        .target(
            name: "CatalogModule",
            dependencies: ["R2SCore", "Catalog", "ObjectStore", "Scope", "ScopeCommandLine", "Services", argumentParser],
            path: "plugins/catalog/Sources", swiftSettings: strict),
        .target(
            name: "StorageModule",
            dependencies: ["R2SCore", "ObjectStore", "Catalog", "Scope", "ScopeCommandLine", "Services", argumentParser],
            path: "plugins/storage/Sources", swiftSettings: strict),
        .target(name: "PluginHost", dependencies: ["R2SCore"], swiftSettings: strict),
        .target(
            name: "PluginModule", dependencies: ["R2SCore", "PluginHost", argumentParser],
            path: "plugins/plugin-manager/Sources", swiftSettings: strict),

        // MARK: Build stamp (the git commit scripts/package.sh embeds; `r2s --version`)
        .target(name: "CBuildInfo"),

        // MARK: 9. Executable: lists the modules it links
        .executableTarget(
            name: "r2s",
            dependencies: [
                "R2SCore", "Repl", "Backends", "UtilModule", "PluginHost", "PluginModule", "FiltersModule", "CatalogModule",
                "StorageModule",
                "SyncModule", "CloudflareQueues", "Services",
                "CBuildInfo",
            ],
            swiftSettings: strict),

        // MARK: 10. Benchmarks (scripts/bench/catalog.sh)
        .executableTarget(
            name: "catalog-bench",
            dependencies: ["Catalog", "CatalogSQLite", "CatalogPostgres", "CatalogPostgREST", "Postgres", "HTTP"],
            path: "Benchmarks/CatalogBench", swiftSettings: strict),

        // MARK: 10. Benchmarks (scripts/bench/s3.sh): a driver for the S3 client
        .executableTarget(
            name: "r2s-bench-s3", dependencies: ["S3", "ObjectStore"], path: "scripts/bench/r2s-bench-s3",
            swiftSettings: strict),

        // MARK: 10. Benchmarks (scripts/bench/sync.sh): the sync engine's per-key memory
        .executableTarget(
            name: "sync-mem", dependencies: ["SyncEngine", "ObjectStore", "Catalog", "Scope"], path: "Benchmarks/SyncMem",
            swiftSettings: strict),

        // MARK: 11. Tests
        .target(
            name: "R2STestSupport", dependencies: ["R2SCore", "ObjectStore", "Catalog"],
            path: "Tests/Support", exclude: ["pgrest", "queues"], swiftSettings: strict),
        // Backend fixtures shared by the test targets: the backend enums (`Backend`, `StoreKind`),
        // the catalog fixture the contract suites run on, one PostgresSetup, one services double,
        // one fake catalog.
        .target(
            name: "BackendSupport",
            dependencies: [
                "Catalog", "CatalogSQLite", "CatalogPostgres", "CatalogPostgREST", "SQLite", "Postgres", "HTTP", "ObjectStore",
                "R2SCore", "Services", "Backends", "R2STestSupport",
            ],
            path: "Tests/BackendSupport",
            swiftSettings: strict),
        .testTarget(
            name: "R2SCoreTests", dependencies: ["R2SCore", "UtilModule", "R2STestSupport"],
            exclude: ["Transcripts"], swiftSettings: strict),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "R2STestSupport"], swiftSettings: strict),
        .testTarget(name: "DigestsTests", dependencies: ["Digests"], swiftSettings: strict),
        .testTarget(name: "SigV4Tests", dependencies: ["SigV4", "Digests"], swiftSettings: strict),
        .testTarget(
            name: "ObjectStoreTests", dependencies: ["ObjectStore", "R2STestSupport"], swiftSettings: strict),
        .testTarget(
            name: "LocalStoreTests", dependencies: ["LocalStore", "ObjectStore", "UserFacing", "R2STestSupport"], swiftSettings: strict),
        // The catalog contract and the behaviour every catalog store shares, over `StoreKind.allCases`.
        .testTarget(
            name: "CatalogTests",
            dependencies: [
                "Catalog", "CatalogSQLite", "CatalogPostgres", "CatalogPostgREST", "SQLite", "Postgres", "R2SCore", "HTTP",
                "R2STestSupport", "BackendSupport",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "CatalogPostgresTests",
            dependencies: ["Catalog", "CatalogPostgres", "Postgres", "R2SCore", "R2STestSupport", "BackendSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "CatalogPostgRESTTests",
            dependencies: ["Catalog", "CatalogPostgREST", "CatalogPostgres", "R2SCore", "R2STestSupport", "BackendSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "ScopeTests", dependencies: ["Scope", "ScopeCommandLine", "Services", "ObjectStore", "Catalog", "R2SCore", "R2STestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "CatalogModuleTests",
            dependencies: [
                "CatalogModule", "Catalog", "CatalogSQLite", "CatalogPostgres", "Postgres", "R2SCore", "R2STestSupport", "BackendSupport",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "FiltersModuleTests",
            dependencies: ["FiltersModule", "LocalStore", "Scope", "ScopeCommandLine", "Services", "ObjectStore", "Catalog", "R2SCore",
                "R2STestSupport", "BackendSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "PluginHostTests",
            dependencies: ["PluginHost", "PluginModule", "R2SCore", "UtilModule", "R2STestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "S3Tests", dependencies: ["S3", "ObjectStore", "HTTP", "R2SCore", "R2STestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "ReplTests", dependencies: ["Repl", "LineEditing", "R2SCore", "UtilModule", "R2STestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "BackendsTests",
            dependencies: [
                "Backends", "LocalStore", "Catalog", "CatalogPostgres", "CatalogPostgREST", "ObjectStore", "R2SCore", "S3", "HTTP",
                "UserFacing",
                "R2STestSupport",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "SyncTests",
            dependencies: [
                "SyncEngine", "LocalStore", "SyncModule", "FiltersModule", "Scope", "ScopeCommandLine", "Services", "ObjectStore", "Catalog",
                "CatalogSQLite", "CatalogPostgres",
                "CatalogPostgREST", "Postgres", "HTTP", "S3", "Backends", "R2SCore", "R2STestSupport", "BackendSupport",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "StorageModuleTests",
            dependencies: [
                "StorageModule", "LocalStore", "SyncModule", "CatalogModule", "R2SCore", "ObjectStore", "Catalog", "Scope", "ScopeCommandLine",
                "Services", "CatalogSQLite",
                "CatalogPostgres", "CatalogPostgREST", "Postgres", "SQLite", "S3", "R2STestSupport", "BackendSupport",
            ],
            swiftSettings: strict),
        .testTarget(name: "CivilDateTests", dependencies: ["CivilDate"], swiftSettings: strict),
        .testTarget(
            name: "WatchTests",
            dependencies: [
                "SyncModule", "SyncEngine", "EventQueue", "CloudflareQueues", "Catalog", "CatalogPostgres", "CatalogPostgREST",
                "ObjectStore", "S3", "HTTP", "Postgres", "Services", "R2SCore", "R2STestSupport", "BackendSupport",
                // the trash end to end (rm through the production wiring, then watch)
                "StorageModule", "Backends",
            ],
            swiftSettings: strict),
        // The C wrappers on their own (the stores' tests reach them only through the stores).
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"], swiftSettings: strict),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "R2STestSupport"], swiftSettings: strict),
    ]
)
