import ObjectStore

extension LocalFolderStore {
    /// The folder is walked and sorted whole for every listing, `start-after` or not: ranges
    /// would walk it once per range and save nothing.
    public var listsRangesConcurrently: Bool { false }
}
