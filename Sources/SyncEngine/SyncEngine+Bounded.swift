extension SyncEngine {
    /// Plans with memory bounded by the partition size, not by the bucket (issue 17 §2): with
    /// `options.partitionSize`, partition by partition from the start; otherwise in memory until
    /// either side passes `options.partitionThreshold`, then what was read is dropped and the plan
    /// is made again in partitions of `options.automaticPartitionSize` (`restarting` is called
    /// first: whoever watches the reads starts over). `--verify-types` plans in memory (its HEADs
    /// need the whole listing). Changes nothing; the caller removes a spilled plan.
    ///
    /// The same rule for a single-process sync and for each partition of a shared run.
    public func planBounded(
        _ options: SyncOptions, observer: @escaping @Sendable (SyncEvent) -> Void,
        restarting: @Sendable () -> Void = {}
    ) async throws -> BoundedPlan {
        if options.partitionSize != nil, !options.verifyTypes {
            return .spilled(try await planInPartitions(options, observer: observer))
        }
        do {
            return .inMemory(try await plan(options, observer: observer, limit: options.verifyTypes ? nil : options.partitionThreshold))
        } catch is ReadPastLimit {
            restarting()
            var partitioned = options
            partitioned.partitionSize = options.automaticPartitionSize
            return .spilled(try await planInPartitions(partitioned, observer: observer))
        }
    }
}
