public import ObjectStore

/// Where each change of a plan sits in the bucket's key order (UTF-8 bytes, `KeyOrder`): the
/// order a worker applies its partition in, so that the lease row's `last_key` can say
/// "every change at or below this key is committed" and a takeover can resume after it
/// (docs/scale.md §6, "Resuming a takeover").
///
/// A position is the **lowest byte spelling an object the change depends on can have**, because
/// a resumed plan lists only the keys after `last_key` and must not take an object at or below
/// it for missing:
/// - an addition: its key as listed;
/// - a restore: the floor of its key (the classifier matches objects by their NFC form, so the
///   object may be spelled NFD);
/// - a soft-delete: the smallest floor of the row's candidate keys (`KeyMapping.candidates`: the
///   decoded and raw readings of its url, as spelled and NFC) — the row names no listed object,
///   and no object spelled at or above its position could have been missed by a resumed listing.
public struct ChangePositions: Sendable {
    public let mapping: KeyMapping

    public init(mapping: KeyMapping) { self.mapping = mapping }

    public func of(_ addition: SyncPlan.Addition) -> String { addition.key }

    public func of(restore change: SyncPlan.RowChange) -> String { Self.floor(change.key) }

    public func of(removal change: SyncPlan.RowChange) -> String { removal(key: change.key, url: change.url) }

    func removal(key: String, url: String) -> String {
        var lowest = Self.floor(key)
        for key in mapping.candidates(url).keys {
            let floor = Self.floor(key)
            if KeyOrder.less(floor, lowest) { lowest = floor }
        }
        return lowest
    }

    /// The lowest byte string any key canonically equivalent to `key` can be: `key` itself when
    /// it is ASCII (any other spelling replaces an ASCII byte by a larger non-ASCII one); else its
    /// NFC form cut before the first non-ASCII byte. Why the cut: an equivalent spelling keeps
    /// that ASCII prefix, but what follows may be spelled lower than NFC (`e` + U+0301 < `é`) or
    /// higher (`Ά` U+0386 < `Α` + U+0301), and partly composed spellings of several marks in
    /// between; the prefix is below all of them.
    public static func floor(_ key: String) -> String {
        if key.utf8.allSatisfy({ $0 < 0x80 }) { return key }
        let nfc = KeyMapping.canonicalKey(key)
        return String(decoding: nfc.utf8.prefix { $0 < 0x80 }, as: UTF8.self)
    }
}

extension ChangePositions {
    /// A resumed plan (`SyncOptions.resumeAfter`): `result` without the changes positioned at or
    /// below `key` — the previous holder's to decide. Its listing started after `key`, so every
    /// row whose object sorts at or below it looks orphaned here: those soft-deletes go (before
    /// any HEAD confirms them), as would an addition of a key at or below it (none when the
    /// listing started after it). Restores stay: their keys were listed after `key`, and a
    /// restore is right whoever makes it.
    func keepingAfter(_ key: String, _ result: (plan: SyncPlan, summary: SyncSummary)) -> (plan: SyncPlan, summary: SyncSummary) {
        var (plan, summary) = result
        let additions = plan.additions.count, removals = plan.removals.count
        plan.additions.removeAll { !KeyOrder.less(key, of($0)) }
        plan.removals.removeAll { !KeyOrder.less(key, of(removal: $0)) }
        summary.added -= additions - plan.additions.count
        summary.removed -= removals - plan.removals.count
        return (plan, summary)
    }

    /// Whether a report item survives `keepingAfter(key, _)`.
    func keeps(_ item: SyncItem, after key: String) -> Bool {
        switch item.kind {
        case .add: item.key.map { KeyOrder.less(key, $0) } ?? true
        case .remove: item.key.map { KeyOrder.less(key, removal(key: $0, url: item.url ?? "")) } ?? true
        default: true
        }
    }
}
