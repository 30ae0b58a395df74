import LocalStore
public import R2SCore
import ObjectStore
import S3
public import Services

extension ProfileServices: TrashServices {
    /// The profile's trash (`TrashLocation.of`): a second S3 client on the trash bucket (same
    /// endpoint and keys) with CopyObject across buckets, the main bucket itself for an in-bucket
    /// prefix, or a local folder beside the local bucket. Cached like the stores.
    public func trash(_ context: ShellContext) throws -> Trash? {
        guard
            let location = try TrashLocation.of(
                context.profile, described: BackendSettings.of(context).profileDescription,
                localDirectory: Self.localDirectory(context))
        else {
            return nil
        }
        let main = try objectStore(context)
        switch location {
        case .folder(let path):
            guard let bucket = main as? LocalFolderStore else { return nil }
            let folder = try context.session.cached(cacheKey("trash", context)) { try LocalFolderStore(root: path) }
            return Trash(
                location: location, store: folder,
                copyIn: { try await bucket.copy($0, into: folder, as: $1) },
                copyOut: { try await folder.copy($0, into: bucket, as: $1) })
        case .bucket(let name, _, let inMain):
            let client = try Self.s3(main)
            if inMain {
                return Trash(
                    location: location, store: client,
                    copyIn: { try await client.copy(from: $0, to: $1) },
                    copyOut: { try await client.copy(from: $0, to: $1) })
            }
            let mainBucket = client.configuration.bucket
            let trashClient = try context.session.cached(cacheKey("trash", context)) { () throws -> S3Client in
                var configuration = try Self.s3Configuration(BackendSettings.of(context).s3, context)
                configuration.bucket = name
                // `rm` runs 64 server-side copies at once (RmExecution.copyJobs): each is one small
                // request while the server moves the bytes, so more connections than the default 16.
                configuration.http.concurrency = max(configuration.http.concurrency, 64)
                configuration.http.onRetry = Self.retryReporter(context)
                return try S3Client(configuration: configuration)
            }
            return Trash(
                location: location, store: trashClient,
                copyIn: { try await trashClient.copy(fromBucket: mainBucket, key: $0, to: $1) },
                copyOut: { try await client.copy(fromBucket: name, key: $0, to: $1) })
        }
    }

    public func createTrashBucket(_ name: String, _ context: ShellContext) async throws {
        try await Self.s3(try objectStore(context)).createBucketIfNeeded(name)
    }

    /// The S3 client under the main store (unwrapping the trash-hiding view).
    private static func s3(_ store: any ObjectStore) throws -> S3Client {
        if let client = store as? S3Client { return client }
        if let hiding = store as? TrashHidingStore, let client = hiding.base as? S3Client { return client }
        throw S3Error(.invalidArgument("the trash needs an S3 bucket"))
    }
}
