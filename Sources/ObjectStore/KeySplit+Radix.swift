extension KeySplit {
    /// The digits used to read a few keys as numbers: eight bytes after the shared part, each in
    /// the smallest alphabet holding that byte of every key (mixed radix). Reading `007` and
    /// `012` in base 10 puts them 5 apart, as their keys are; base 95 would put 70 empty values
    /// between `009` and `010`.
    struct Radix {
        let alphabets: [Alphabet]
        let skip: Int
        /// One past the largest value: the product of the alphabets' sizes (at most 95^8).
        let top: Int64

        init(_ keys: [String], skipping: Int) {
            let tails = keys.map { Array($0.utf8.dropFirst(skipping).prefix(KeySplit.digits)) }
            alphabets = (0..<KeySplit.digits).map { i in Alphabet.smallest(holding: tails.compactMap { i < $0.count ? $0[i] : nil }) }
            skip = skipping
            top = alphabets.reduce(1) { $0 * Int64($1.bytes.count) }
        }

        /// The first eight bytes after the shared part as a number (missing bytes count as 0).
        func value(_ key: String) -> Int64 {
            var v: Int64 = 0
            var tail = key.utf8.dropFirst(skip).prefix(KeySplit.digits).makeIterator()
            for alphabet in alphabets {
                v = v * Int64(alphabet.bytes.count) + Int64(tail.next().map(alphabet.rank) ?? 0)
            }
            return v
        }

        /// The number as bytes of the alphabets.
        func text(_ value: Int64) -> String {
            var bytes = [UInt8](repeating: 0, count: alphabets.count)
            var v = value
            for i in stride(from: alphabets.count - 1, through: 0, by: -1) {
                let size = Int64(alphabets[i].bytes.count)
                bytes[i] = alphabets[i].bytes[Int(v % size)]
                v /= size
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// An ordered set of printable ASCII bytes one key position is read in.
    ///
    /// None holds a byte below `0`: SeaweedFS compares `start-after` with names inside a folder,
    /// so a point such as `docs/f14.063436` (`.` sorts before `/`) made it skip the folder
    /// `docs/f14/` whose keys lie after the point in byte order. A point made of `0`…`~` after the
    /// shared part never ends a folder's name with such a byte.
    struct Alphabet {
        let bytes: [UInt8]

        static let digits = Alphabet(bytes: Array(0x30...0x39))
        static let lower = Alphabet(bytes: Array(0x61...0x7A))
        static let upper = Alphabet(bytes: Array(0x41...0x5A))
        static let digitsLower = Alphabet(bytes: Array(0x30...0x39) + Array(0x61...0x7A))
        static let digitsUpper = Alphabet(bytes: Array(0x30...0x39) + Array(0x41...0x5A))
        static let alphanumeric = Alphabet(bytes: Array(0x30...0x39) + Array(0x41...0x5A) + Array(0x61...0x7A))
        static let printable = Alphabet(bytes: Array(0x30...0x7E))

        /// The first of the alphabets above (smallest first) that holds every byte; `0`…`~` when
        /// none does or when no key has a byte at this position.
        static func smallest(holding bytes: [UInt8]) -> Alphabet {
            guard !bytes.isEmpty else { return .printable }
            for candidate in [digits, lower, upper, digitsLower, digitsUpper, alphanumeric]
            where bytes.allSatisfy(candidate.bytes.contains) {
                return candidate
            }
            return .printable
        }

        /// The byte's place in the alphabet; a byte outside it counts as its nearest neighbour
        /// below (bytes below `0` as the first, bytes above `~` as the last).
        func rank(_ byte: UInt8) -> Int {
            if let i = bytes.firstIndex(of: byte) { return i }
            return max(0, (bytes.firstIndex { $0 > byte } ?? bytes.count) - 1)
        }
    }
}
