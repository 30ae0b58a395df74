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
        // MARK: Shell core (imports no C library, knows nothing of storage)
        .target(name: "R2SCore", dependencies: [argumentParser], swiftSettings: strict),

        // MARK: Storage-side abstractions (no C): what modules program against
        .target(name: "ObjectStore", swiftSettings: strict),
        // Calendar arithmetic shared by every timestamp parser/formatter (no dependencies).
        .target(name: "CivilDate", swiftSettings: strict),
        .target(name: "Catalog", dependencies: ["R2SCore", "CivilDate"], swiftSettings: strict),
        .target(name: "SyncEngine", dependencies: ["ObjectStore", "Catalog", "R2SCore"], swiftSettings: strict),
        // `watch` (issue 18): the event-queue abstraction and its Cloudflare Queues pull consumer.
        .target(name: "EventQueue", dependencies: ["R2SCore"], swiftSettings: strict),
        .target(name: "CloudflareQueues", dependencies: ["EventQueue", "HTTP", "R2SCore"], swiftSettings: strict),

        // MARK: C libraries (system-library targets) and their thin Swift wrappers
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "SQLite", dependencies: ["CSQLite"], swiftSettings: strict),
        .systemLibrary(name: "CPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(name: "Postgres", dependencies: ["CPQ"], swiftSettings: strict),

        // MARK: Catalog stores (the `storage` table over SQLite, libpq, PostgREST)
        .target(name: "CatalogSQLite", dependencies: ["Catalog", "SQLite"], swiftSettings: strict),
        .target(name: "CatalogPostgres", dependencies: ["Catalog", "Postgres"], swiftSettings: strict),
        .target(name: "CatalogPostgREST", dependencies: ["Catalog", "R2SCore", "HTTP"], swiftSettings: strict),

        // MARK: C system libraries (shim.h wraps what Swift cannot call) and their Swift wrappers
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "HTTP", dependencies: ["CCurl"], swiftSettings: strict),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "Digests", dependencies: ["COpenSSL"], swiftSettings: strict),
        // The signer depends on digests only: never on curl, HTTP or R2SCore.
        .target(name: "SigV4", dependencies: ["Digests", "CivilDate"], swiftSettings: strict),
        // Scopes and named filters (issue 7); Services = what commands need from the active profile.
        .target(name: "Scope", dependencies: ["ObjectStore", "Catalog", "CivilDate", "R2SCore", argumentParser], swiftSettings: strict),
        .target(name: "Services", dependencies: ["R2SCore", "ObjectStore", "Catalog", "Scope"], swiftSettings: strict),
        // R2SCore only for UserFacingError/LocalizedText (S3Error's user messages).
        .target(name: "S3", dependencies: ["ObjectStore", "HTTP", "SigV4", "Digests", "CivilDate", "R2SCore"], swiftSettings: strict),

        // MARK: Production wiring: profile settings → bucket, catalog, url mapping
        .target(
            name: "Backends",
            dependencies: [
                "R2SCore", "Services", "ObjectStore", "Catalog", "S3", "HTTP", "CatalogSQLite", "CatalogPostgres",
                "CatalogPostgREST",
            ],
            swiftSettings: strict),

        // MARK: Command modules (plugins/<module>/Sources)
        .target(
            name: "UtilModule", dependencies: ["R2SCore", argumentParser],
            path: "plugins/util/Sources", swiftSettings: strict),
        .target(
            name: "FiltersModule",
            dependencies: ["R2SCore", "ObjectStore", "Catalog", "Scope", "Services", argumentParser],
            path: "plugins/filters/Sources", swiftSettings: strict),
        .target(
            name: "SyncModule",
            dependencies: ["R2SCore", "SyncEngine", "ObjectStore", "Catalog", "Scope", "Services", "EventQueue", argumentParser],
            path: "plugins/sync/Sources", swiftSettings: strict),

        .target(
            name: "CatalogModule", dependencies: ["R2SCore", "Catalog", "ObjectStore", "Scope", "Services", argumentParser],
            path: "plugins/catalog/Sources", swiftSettings: strict),

        // MARK: Runtime plugins (.r2s scripts, external r2s-NAME programs) and the `plugin` command
        .target(name: "PluginHost", dependencies: ["R2SCore"], swiftSettings: strict),
        .target(
            name: "PluginModule", dependencies: ["R2SCore", "PluginHost", argumentParser],
            path: "plugins/plugin-manager/Sources", swiftSettings: strict),

        .target(
            name: "StorageModule",
            dependencies: ["R2SCore", "ObjectStore", "Catalog", "Scope", "Services", "S3", "HTTP", argumentParser],
            path: "plugins/storage/Sources", swiftSettings: strict),

        // MARK: Interactive shell (libedit lives below this target, never in R2SCore)
        .systemLibrary(name: "CEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "LineEditing", dependencies: ["CEdit"], swiftSettings: strict),
        .target(name: "Repl", dependencies: ["R2SCore", "LineEditing"], swiftSettings: strict),

        // MARK: Build stamp (the git commit scripts/package.sh embeds; `r2s --version`)
        .target(name: "CBuildInfo"),

        // MARK: Executable: lists the modules it links
        .executableTarget(
            name: "r2s",
            dependencies: [
                "R2SCore", "Repl", "Backends", "UtilModule", "PluginHost", "PluginModule", "FiltersModule", "CatalogModule",
                "StorageModule",
                "SyncModule", "CloudflareQueues",
                "CBuildInfo",
            ],
            swiftSettings: strict),

        // MARK: Benchmarks (scripts/bench/catalog.sh)
        .executableTarget(
            name: "catalog-bench",
            dependencies: ["Catalog", "CatalogSQLite", "CatalogPostgres", "CatalogPostgREST", "Postgres", "HTTP"],
            path: "Benchmarks/CatalogBench", swiftSettings: strict),

        // MARK: Benchmarks (scripts/bench): a driver for the S3 client until storage commands exist
        .executableTarget(
            name: "r2s-bench-s3", dependencies: ["S3", "ObjectStore"], path: "scripts/bench/r2s-bench-s3",
            swiftSettings: strict),

        // MARK: Benchmarks (scripts/bench/sync.sh): the sync engine's per-key memory
        .executableTarget(
            name: "sync-mem", dependencies: ["SyncEngine", "ObjectStore", "Catalog"], path: "Benchmarks/SyncMem",
            swiftSettings: strict),

        // MARK: Tests
        .target(
            name: "R2STestSupport", dependencies: ["R2SCore", "ObjectStore", "Catalog"],
            path: "Tests/Support", exclude: ["pgrest", "queues"], swiftSettings: strict),
        .testTarget(
            name: "R2SCoreTests", dependencies: ["R2SCore", "UtilModule", "R2STestSupport"],
            exclude: ["Transcripts"], swiftSettings: strict),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "R2STestSupport"], swiftSettings: strict),
        .testTarget(name: "DigestsTests", dependencies: ["Digests"], swiftSettings: strict),
        .testTarget(name: "SigV4Tests", dependencies: ["SigV4", "Digests"], swiftSettings: strict),
        .testTarget(
            name: "ObjectStoreTests", dependencies: ["ObjectStore", "R2STestSupport"], swiftSettings: strict),
        .testTarget(
            name: "CatalogTests",
            dependencies: [
                "Catalog", "CatalogSQLite", "CatalogPostgres", "CatalogPostgREST", "CatalogModule", "SQLite", "Postgres", "R2SCore", "HTTP",
                "R2STestSupport",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "ScopeTests", dependencies: ["Scope", "Services", "ObjectStore", "Catalog", "R2SCore", "R2STestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "FiltersModuleTests",
            dependencies: ["FiltersModule", "Scope", "Services", "ObjectStore", "Catalog", "R2SCore", "R2STestSupport"],
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
            dependencies: ["Backends", "Catalog", "ObjectStore", "R2SCore", "S3", "HTTP", "R2STestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "SyncTests",
            dependencies: [
                "SyncEngine", "SyncModule", "FiltersModule", "Scope", "Services", "ObjectStore", "Catalog", "CatalogSQLite", "CatalogPostgres",
                "CatalogPostgREST", "Postgres", "HTTP", "S3", "Backends", "R2SCore", "R2STestSupport",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "StorageModuleTests",
            dependencies: [
                "StorageModule", "SyncModule", "CatalogModule", "R2SCore", "ObjectStore", "Catalog", "Scope", "Services", "CatalogSQLite",
                "CatalogPostgres", "CatalogPostgREST", "Postgres", "SQLite", "S3", "R2STestSupport",
            ],
            swiftSettings: strict),
        .testTarget(name: "CivilDateTests", dependencies: ["CivilDate"], swiftSettings: strict),
        .testTarget(
            name: "WatchTests",
            dependencies: [
                "SyncModule", "SyncEngine", "EventQueue", "CloudflareQueues", "Catalog", "CatalogPostgres", "CatalogPostgREST",
                "ObjectStore", "S3", "HTTP", "Postgres", "Services", "R2SCore", "R2STestSupport",
            ],
            swiftSettings: strict),
    ]
)
