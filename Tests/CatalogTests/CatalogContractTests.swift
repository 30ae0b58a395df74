import BackendSupport
import Testing

/// The catalog contract (`CatalogContract`, Tests/BackendSupport) run against every catalog
/// store, one test per store and check.
@Suite struct CatalogContractTests {
    @Test(arguments: StoreKind.allCases, CatalogContract.Check.allCases)
    func contract(kind: StoreKind, check: CatalogContract.Check) async throws {
        try await StoreFixture.with(kind) { try await CatalogContract.run(check, on: $0) }
    }
}
