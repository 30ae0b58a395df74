import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore
import Services
import Synchronization

/// What one command run uses: the shell context and the module's services, opened lazily so a
/// catalog-only command (`find`, `du`) never builds an S3 client and vice versa.
struct StorageAccess: Sendable {
    let context: ShellContext
    let services: any StorageServices

    init(_ context: ShellContext) throws {
        self.context = context
        services = try StorageModule.services(in: context)
    }

    func store() throws -> any ObjectStore { try services.objectStore(context) }
    func catalog() throws -> any CatalogStore { try services.catalog(context) }
    func mapping() throws -> KeyMapping { try services.keyMapping(context) }
    /// The mapping with `R2S_URL_STYLE` resolved, for commands that write urls (upload, mv).
    func writeMapping(announce: Bool = true) async throws -> KeyMapping {
        try await services.writeMapping(context, announce: announce)
    }

    /// The write mapping when no key to write needs escaping: every style spells such keys
    /// alike, so `R2S_URL_STYLE` is only validated and the catalog is not sampled.
    func writeMappingForPlainKeys() throws -> KeyMapping {
        let style: URLStyle = try URLStyleResolver.setting(context.profile) == .raw ? .raw : .r2s
        return try mapping().writing(style)
    }

    /// `R2S_ACTOR` (profile setting, else environment), validated as a uuid; `nil` when unset.
    func actor() throws -> UUID? { try context.catalogActor() }

    /// The largest value the catalog's `size` column holds, from `sizeColumnLimit()` (not the
    /// whole `checkSchema()`, whose duplicate check reads every row) once per session (and
    /// profile/catalog). A missing table is an error here, before anything is uploaded. When
    /// the schema cannot be read the 32-bit limit is assumed (the original schema's INTEGER), so a
    /// file that might not fit is refused up front rather than after its upload.
    func sizeLimit(_ catalog: any CatalogStore) async throws -> Int64 {
        let slot = context.session.cached("storage.sizeLimit.\(context.profile.name).\(catalog.displayName)") {
            SizeLimitSlot()
        }
        if let known = slot.value.withLock({ $0 }) { return known }
        let limit: Int64?
        do {
            limit = try await catalog.sizeColumnLimit()
        } catch let error as CatalogError where error.code == .tableMissing {
            throw error
        } catch {
            context.warn(.sizeLimitUnknown(String(describing: type(of: error))))
            return Int64(Int32.max)
        }
        guard let limit else {
            throw CommandError(.tableMissing(catalog.displayName), hint: .tableMissingHint, status: .config)
        }
        slot.value.withLock { $0 = limit }
        return limit
    }
}

/// A per-session cache cell (the session cache is synchronous; the value is filled after an
/// asynchronous read).
final class SizeLimitSlot: Sendable {
    let value = Mutex<Int64?>(nil)
}
