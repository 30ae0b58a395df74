/// Which doctor check a failed bucket listing belongs to.
enum DoctorErrorKind {
    /// The check that failed: refused credentials, a token without list permission, a missing
    /// bucket, or the clock (`RequestTimeTooSkewed`); anything else counts against the bucket.
    static func check(for error: any Error) -> DoctorFinding.Check {
        .bucket
    }
}
