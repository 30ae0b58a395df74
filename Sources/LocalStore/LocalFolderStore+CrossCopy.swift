import ObjectStore

extension LocalFolderStore {
    /// Copies `key` of this folder into another local folder store as `destination`, content type
    /// kept: the local profile's "server-side" copy between its bucket and its trash folder.
    public func copy(_ key: String, into other: LocalFolderStore, as destination: String) async throws {
        guard let info = try await head(key), let loc = try locate(key) else {
            throw LocalFolderStoreError(.notFound, key: key)
        }
        try await other.upload(
            loc.path, to: destination, contentType: info.contentType ?? MediaTypes.type(forKey: key), progress: nil)
    }
}
