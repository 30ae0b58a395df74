import S3

/// Which doctor check a failed bucket listing belongs to.
enum DoctorErrorKind {
    /// The check that failed: refused credentials, a token without list permission, a missing
    /// bucket, or the clock (`RequestTimeTooSkewed`); anything else (connection, TLS, a store
    /// that is not S3) counts against reaching the bucket at all.
    static func check(for error: any Error) -> DoctorFinding.Check {
        guard let s3 = error as? S3Error else { return .bucket }
        switch s3.code {
        case .invalidAccessKeyID, .signatureDoesNotMatch: return .credentials
        case .accessDenied: return .listing
        case .noSuchBucket: return .bucketExists
        case .requestTimeTooSkewed: return .clock
        default: return .bucket
        }
    }

    /// The checks that come after `check` in the bucket group and were therefore not run.
    static func skipped(after check: DoctorFinding.Check) -> [DoctorFinding.Check] {
        let order: [DoctorFinding.Check] = [.credentials, .listing, .bucketExists]
        guard let i = order.firstIndex(of: check) else { return [] }
        return Array(order[(i + 1)...])
    }
}
