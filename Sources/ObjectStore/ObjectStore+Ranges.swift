extension ObjectStore {
    /// Remote stores: each page is a round trip, so several ranges at once save wall time.
    public var listsRangesConcurrently: Bool { true }
}
