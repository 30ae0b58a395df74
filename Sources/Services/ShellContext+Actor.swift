import Catalog
public import FoundationEssentials
public import R2SCore

extension ShellContext {
    /// The user written to `created_by` / `updated_by`: `R2S_ACTOR` from the active profile, else
    /// the environment, validated as a uuid; `nil` when unset. Every command that writes rows
    /// (upload, rm, mv, restore, sync, sync-item) asks here, so they all record the same person.
    ///
    /// - Throws: `CatalogError` naming `R2S_ACTOR` when it is not a uuid.
    public func catalogActor() throws -> UUID? {
        try CatalogActor.parse(profile[CatalogActor.variable] ?? session.environment[CatalogActor.variable])
    }
}
