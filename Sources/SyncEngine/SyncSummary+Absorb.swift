extension SyncSummary {
    /// Adds another partition's counts (partitioned sync): every count sums, the first
    /// dot-segment example wins.
    mutating func absorb(_ o: SyncSummary) {
        objects += o.objects
        records += o.records
        added += o.added
        removed += o.removed
        restored += o.restored
        unchanged += o.unchanged
        foreign += o.foreign
        duplicates += o.duplicates
        mismatched += o.mismatched
        unparseable += o.unparseable
        conflicts += o.conflicts
        ambiguous += o.ambiguous
        keptOut += o.keptOut
        young += o.young
        dotSegments += o.dotSegments
        dotSegmentExample = dotSegmentExample ?? o.dotSegmentExample
    }
}
