import FoundationEssentials
import R2SCore
import Services

/// `rm --dry-run`: one line per step `rm` would take, in the order it would take them (copy to
/// the trash, soft-delete rows, delete the object), changing nothing.
struct RmDryRun {
    let targets: [RmTarget]
    let trash: Trash?
    let keepObject: Bool

    func print(_ context: ShellContext) {
        let rows = context.rows(Self.columns)
        defer { rows.finish() }
        let now = Date()
        for t in targets {
            let key = t.key ?? t.item
            let deletes = t.deletesObject(keepObject: keepObject)
            if deletes, let trash {
                let name = TrashName.make(prefix: trash.location.prefix, key: key, deletedAt: now, rowID: t.rowIDs.first)
                rows.add(step("copy-to-trash", key, Self.trashDescription(trash, name)))
            }
            for id in t.rowIDs { rows.add(step("soft-delete-row", key, id.uuidString.lowercased())) }
            if deletes {
                rows.add(step(trash == nil ? "delete-object-for-good" : "delete-object", key, nil))
            } else if t.objectExists {
                rows.add(step("keep-object", key, t.objectShared ? "another active row uses it" : "--keep-object"))
            }
        }
    }

    /// `s3://media-trash/fichas/a.pdf~r2s-trash~…` (the prefix is already in the name).
    static func trashDescription(_ trash: Trash, _ name: String) -> String {
        switch trash.location {
        case .folder(let path): "local:" + path + "/" + name
        case .bucket(let bucket, _, _): "s3://" + bucket + "/" + name
        }
    }

    private func step(_ action: String, _ key: String, _ detail: String?) -> [OutputValue] {
        [.string(action), .string(key), .text(detail)]
    }

    static let columns = [OutputColumn("would"), OutputColumn("key"), OutputColumn("detail")]
}
