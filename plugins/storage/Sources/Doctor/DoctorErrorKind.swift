import ObjectStore

/// Which doctor check a failed bucket listing belongs to.
enum DoctorErrorKind {
    /// The check that failed, as the store's diagnostics facet classifies the error: refused
    /// credentials, a token without list permission, a missing bucket, or the clock; anything
    /// else (connection, TLS, a store without a server) counts against reaching the bucket at all.
    static func check(for error: any Error, in store: any ObjectStore) -> DoctorFinding.Check {
        switch store.diagnostics?.failureKind(of: error) {
        case .credentials?: .credentials
        case .permission?: .listing
        case .missingBucket?: .bucketExists
        case .clockSkew?: .clock
        case .unreachable?, nil: .bucket
        }
    }

    /// The checks that come after `check` in the bucket group and were therefore not run.
    static func skipped(after check: DoctorFinding.Check) -> [DoctorFinding.Check] {
        let order: [DoctorFinding.Check] = [.credentials, .listing, .bucketExists]
        guard let i = order.firstIndex(of: check) else { return [] }
        return Array(order[(i + 1)...])
    }
}
