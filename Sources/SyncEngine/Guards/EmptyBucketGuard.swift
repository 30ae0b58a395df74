/// Refuses soft-deletes when the scoped listing is empty while the scoped catalog has active
/// rows: an empty listing is far more often a wrong bucket, prefix or credential than a bucket
/// really emptied (`--allow-empty-bucket` overrides).
struct EmptyBucketGuard: SyncGuard {
    func refusal(plan: SyncPlan, summary: SyncSummary, options: SyncOptions) -> SyncRefusal? {
        guard summary.objects == 0, summary.records > 0, !plan.removals.isEmpty, !options.allowEmptyBucket else {
            return nil
        }
        return .emptyBucket(records: summary.records)
    }

    func refusal(removals: Int, summary: SyncSummary, options: SyncOptions) -> SyncRefusal? {
        guard summary.objects == 0, summary.records > 0, removals > 0, !options.allowEmptyBucket else { return nil }
        return .emptyBucket(records: summary.records)
    }
}
