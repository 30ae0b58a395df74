import ObjectStore

/// Sorting big arrays of structs that hold several Strings (the listing's and the catalog's
/// entries, 100k and more) by a String key in UTF-8 byte order.
///
/// `Array.sort` compares elements it loads from its buffers, and loading such an element copies
/// it: a retain and a release for every String in it, per comparison — in the profile of a 100k
/// no-op sync the catalog sort was 14 % of r2s's CPU, most of it reference counting. Here the
/// keys are copied once into one byte buffer, 4-byte indices are sorted by comparing those bytes
/// (no reference counting at all), and each element is then moved once into its place.
enum PermutationSort {
    /// Sorts `items` by `key`'s bytes, then by `tie` (called only for equal keys). Elements equal
    /// under both keep no guaranteed order: callers give a total order (the catalog: row ids).
    static func sort<T>(_ items: inout [T], key: (T) -> String, tie: (T, T) -> Bool) {
        guard items.count > 1 else { return }
        var bytes: [UInt8] = []
        var starts: [Int] = []
        starts.reserveCapacity(items.count + 1)
        for item in items {
            starts.append(bytes.count)
            bytes.append(contentsOf: key(item).utf8)
        }
        starts.append(bytes.count)
        var order = Array(0..<Int32(items.count))
        bytes.withUnsafeBufferPointer { all in
            starts.withUnsafeBufferPointer { at in
                items.withUnsafeBufferPointer { elements in
                    order.sort { i, j in
                        let (i, j) = (Int(i), Int(j))
                        let x = UnsafeBufferPointer(rebasing: all[at[i]..<at[i + 1]])
                        let y = UnsafeBufferPointer(rebasing: all[at[j]..<at[j + 1]])
                        let order = KeyOrder.compare(x, y)
                        return order != 0 ? order < 0 : tie(elements[i], elements[j])
                    }
                }
            }
        }
        items = order.map { items[Int($0)] }
    }
}
