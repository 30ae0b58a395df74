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
        .target(name: "Catalog", swiftSettings: strict),

        // MARK: Command modules (plugins/<module>/Sources)
        .target(
            name: "UtilModule", dependencies: ["R2SCore", argumentParser],
            path: "plugins/util/Sources", swiftSettings: strict),

        // MARK: Interactive shell (libedit lives below this target, never in R2SCore)
        .systemLibrary(name: "CEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "LineEditing", dependencies: ["CEdit"], swiftSettings: strict),
        .target(name: "Repl", dependencies: ["R2SCore", "LineEditing"], swiftSettings: strict),

        // MARK: Executable: lists the modules it links
        .executableTarget(
            name: "r2s", dependencies: ["R2SCore", "Repl", "UtilModule"], swiftSettings: strict),

        // MARK: Tests
        .target(
            name: "R2STestSupport", dependencies: ["R2SCore"],
            path: "Tests/Support", swiftSettings: strict),
        .testTarget(
            name: "R2SCoreTests", dependencies: ["R2SCore", "UtilModule", "R2STestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "ReplTests", dependencies: ["Repl", "LineEditing", "R2SCore", "UtilModule", "R2STestSupport"],
            swiftSettings: strict),
    ]
)
