import ObjectStore

extension TrashHidingStore {
    /// Hiding the trash changes which keys a page shows, not what a page costs: as the bucket does.
    public var listsRangesConcurrently: Bool { base.listsRangesConcurrently }
}
