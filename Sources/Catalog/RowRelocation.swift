public import FoundationEssentials

/// One row a folder move points at its new key: the new `url` and, when the name followed the
/// file, the new `nome` (`nil` keeps it).
public struct RowRelocation: Sendable, Hashable {
    public var id: UUID
    public var url: String
    public var nome: String?

    public init(id: UUID, url: String, nome: String? = nil) {
        self.id = id
        self.url = url
        self.nome = nome
    }
}

extension CatalogWriter {
    /// Stores without a batched statement move the rows one `update` at a time (PostgREST: one
    /// request per row; SQLite: one local statement per row). Stops at the first row that is
    /// gone (`CatalogError` `.notFound`), so a transaction around it rolls the batch back.
    public func relocate(_ moves: [RowRelocation], actor: UUID?) async throws -> Int {
        for move in moves {
            _ = try await update(id: move.id, RecordChanges(nome: move.nome, url: move.url), actor: actor)
        }
        return moves.count
    }
}
