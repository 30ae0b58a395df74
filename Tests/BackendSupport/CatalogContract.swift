public import Testing

/// The behaviour every `CatalogStore` must share, as checks any catalog backend's tests run on
/// a fresh catalog of that backend (`StoreFixture`). Every check that reads "all" rows has more
/// than 1,000 of them, so a store that stops at a server's row cap fails.
///
/// Usage (one `@Test` per backend and check, so failures name both):
/// ```swift
/// @Test(arguments: StoreKind.allCases, CatalogContract.Check.allCases)
/// func contract(kind: StoreKind, check: CatalogContract.Check) async throws {
///     try await StoreFixture.with(kind) { try await CatalogContract.run(check, on: $0) }
/// }
/// ```
/// The object-store counterpart is `ObjectStoreContract` (Tests/Support).
public enum CatalogContract {
    public enum Check: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case insertAndReadAll
        case weirdPrefixes
        case contentTypes
        case softDeleteRestore
        case update
        case lockContention
        case sizeOverflow
        case foreignKey
        case actorColumns
        case initAndCheck
        case transactions

        public var testDescription: String {
            switch self {
            case .insertAndReadAll: "insert returns rows in input order and a full read streams them all in id order"
            case .weirdPrefixes: "url prefixes with spaces, +, %, _, *, unicode scope reads exactly"
            case .contentTypes: "content types match exactly or by family"
            case .softDeleteRestore: "soft-delete and restore change each row once and are idempotent"
            case .update: "update changes the given fields and clears referencia"
            case .lockContention: "a second sync lock on the same catalog is refused while the first is held"
            case .sizeOverflow: "a size above the column's limit is an error and writes nothing"
            case .foreignKey: "a created_by that is not in usuarios is a foreign-key error with a hint"
            case .actorColumns: "the actor is written to created_by / updated_by"
            case .initAndCheck: "init refuses an existing table; check finds nothing wrong with a fresh one"
            case .transactions: "withTransaction commits on return and rolls back on throw"
            }
        }
    }

    /// Runs one check on `fixture`'s catalog (empty when the check starts).
    public static func run(_ check: Check, on fixture: StoreFixture) async throws {
        switch check {
        case .insertAndReadAll: try await insertAndReadAll(fixture)
        case .weirdPrefixes: try await weirdPrefixes(fixture)
        case .contentTypes: try await contentTypes(fixture)
        case .softDeleteRestore: try await softDeleteRestore(fixture)
        case .update: try await update(fixture)
        case .lockContention: try await lockContention(fixture)
        case .sizeOverflow: try await sizeOverflow(fixture)
        case .foreignKey: try await foreignKey(fixture)
        case .actorColumns: try await actorColumns(fixture)
        case .initAndCheck: try await initAndCheck(fixture)
        case .transactions: try await transactions(fixture)
        }
    }
}
