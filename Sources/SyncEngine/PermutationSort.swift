/// Sorting big arrays of structs that hold several Strings (the listing's and the catalog's
/// entries, 100k and more).
///
/// `Array.sort` compares elements it loads from its buffers, and loading such an element copies
/// it: a retain and a release for every String in it, per comparison — in the profile of a 100k
/// no-op sync the catalog sort was 14 % of r2s's CPU, most of it reference counting. Here the
/// comparisons look at the elements in place and only 4-byte indices move; each element is
/// then copied once, into its place.
enum PermutationSort {
    /// Sorts `items` by `less` (a strict weak order), stably like `Array.sort`.
    static func sort<T>(_ items: inout [T], by less: (T, T) -> Bool) {
        guard items.count > 1 else { return }
        var order = Array(0..<Int32(items.count))
        items.withUnsafeBufferPointer { buffer in
            order.sort { less(buffer[Int($0)], buffer[Int($1)]) }
        }
        items = order.map { items[Int($0)] }
    }
}
