import R2SCore
import Services
import Synchronization

extension StorageAccess {
    /// The profile's trash, or `nil` when it has none (or the services offer no trash at all).
    func trash() throws -> Trash? {
        guard let services = services as? any TrashServices else { return nil }
        return try services.trash(context)
    }

    /// Says once per session, on a profile that is not the local one and could have a trash,
    /// that deletions are final.
    func noteNoTrash() {
        guard services is any TrashServices, context.profile.name != Profile.localName else { return }
        let said = context.session.cached("storage.noTrashNoticed.\(context.profile.name)") { NoticeFlag() }
        guard !said.said.withLock({ old in defer { old = true }; return old }) else { return }
        context.warn(.noTrashNotice)
    }
}

/// Whether a once-per-session notice was given.
final class NoticeFlag: Sendable {
    let said = Mutex(false)
}
