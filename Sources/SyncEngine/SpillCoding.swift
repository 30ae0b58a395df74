import FoundationEssentials

/// A value the partitioned run spills (issue 17 §2): written as length-prefixed binary fields,
/// read back in the same order. JSON lines cost an encode and a decode of every object and row
/// (the partitioned no-op was 2.5 × the in-memory one, docs/scale.md §5); these fields are
/// copied bytes.
protocol Spillable {
    /// Appends the value's fields.
    func spill(into out: inout SpillEncoder)
    /// Reads the fields back in the order `spill` wrote them.
    init(from input: inout SpillDecoder) throws
}

/// The fields of spilled records: little-endian integers, strings as a 32-bit byte count and
/// their UTF-8 bytes, optionals as a presence byte. Each record is framed by its byte count
/// (`record`), so a reader knows when a whole record is buffered.
struct SpillEncoder {
    var bytes: [UInt8] = []

    /// Appends one framed record.
    mutating func record<T: Spillable>(_ value: T) {
        let start = bytes.count
        int32(0)
        value.spill(into: &self)
        let length = UInt32(truncatingIfNeeded: bytes.count - start - 4)
        withUnsafeBytes(of: length.littleEndian) { raw in
            for i in 0..<4 { bytes[start + i] = raw[i] }
        }
    }

    mutating func int32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func int(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }
    mutating func double(_ value: Double) { int(Int64(bitPattern: value.bitPattern)) }
    mutating func uuid(_ value: UUID) { withUnsafeBytes(of: value.uuid) { bytes.append(contentsOf: $0) } }
    mutating func date(_ value: Date) { double(value.timeIntervalSinceReferenceDate) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int32(UInt32(truncatingIfNeeded: utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// A presence byte, then the value when present.
    mutating func optional<T>(_ value: T?, _ write: (inout SpillEncoder, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }
}

/// Reads the fields of one framed record (`SpillReader` hands it the record's bytes).
struct SpillDecoder {
    private let bytes: UnsafeRawBufferPointer
    private var at: Int

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        at = 0
    }

    /// The record is shorter than its fields say: the file was damaged (never a partial write
    /// of this run, which frames every record).
    struct Truncated: Error {}

    private mutating func take(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, count <= bytes.count - at else { throw Truncated() }
        defer { at += count }
        return UnsafeRawBufferPointer(rebasing: bytes[at..<(at + count)])
    }

    mutating func int32() throws -> UInt32 { UInt32(littleEndian: try take(4).loadUnaligned(as: UInt32.self)) }
    mutating func int() throws -> Int64 { Int64(littleEndian: try take(8).loadUnaligned(as: Int64.self)) }
    mutating func bool() throws -> Bool { try take(1)[0] != 0 }
    mutating func double() throws -> Double { Double(bitPattern: UInt64(bitPattern: try int())) }
    mutating func date() throws -> Date { Date(timeIntervalSinceReferenceDate: try double()) }

    /// (Not `UUID().uuid` as a buffer to copy into: `UUID()` reads the random source, a system
    /// call per row — it showed in the profile of a partitioned no-op.)
    mutating func uuid() throws -> UUID { UUID(uuid: try take(16).loadUnaligned(as: uuid_t.self)) }

    mutating func string() throws -> String {
        let count = Int(try int32())
        return String(decoding: try take(count), as: UTF8.self)
    }

    mutating func optional<T>(_ read: (inout SpillDecoder) throws -> T) throws -> T? {
        try bool() ? try read(&self) : nil
    }
}
