public import UserFacing

extension S3Client {
    /// The target of an S3 bucket without a request: the bucket and the endpoint's host (no
    /// credentials), e.g. `bucket media @ 0123….r2.cloudflarestorage.com`.
    public static func target(endpoint: String, bucket: String) -> TargetDescription.Part {
        // An endpoint r2s cannot parse is not echoed: it might carry `user:password@`.
        TargetDescription.Part(kind: "s3", name: bucket, detail: S3Endpoint(endpoint)?.authority ?? "(unparsable endpoint)")
    }
}
