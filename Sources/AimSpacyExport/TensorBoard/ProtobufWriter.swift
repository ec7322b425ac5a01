/// The protobuf wire encoding of the few messages an event file holds, written by hand: varints,
/// fixed 32/64-bit numbers and length-delimited fields, each appended with its key.
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    private enum WireType: UInt64 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5
    }

    private mutating func key(_ field: UInt64, _ type: WireType) {
        varint(field << 3 | type.rawValue)
    }

    private mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// `int32`, `int64`, `enum` (negative values take ten bytes, as protobuf specifies).
    mutating func int(_ field: UInt64, _ value: Int64) {
        key(field, .varint)
        varint(UInt64(bitPattern: value))
    }

    mutating func bool(_ field: UInt64, _ value: Bool) {
        key(field, .varint)
        varint(value ? 1 : 0)
    }

    mutating func double(_ field: UInt64, _ value: Double) {
        key(field, .fixed64)
        littleEndian(value.bitPattern, count: 8)
    }

    mutating func float(_ field: UInt64, _ value: Float) {
        key(field, .fixed32)
        littleEndian(UInt64(value.bitPattern), count: 4)
    }

    mutating func bytes<Bytes: Collection<UInt8>>(_ field: UInt64, _ value: Bytes) {
        key(field, .lengthDelimited)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func string(_ field: UInt64, _ value: String) {
        bytes(field, Array(value.utf8))
    }

    /// An embedded message.
    mutating func message(_ field: UInt64, _ build: (inout ProtobufWriter) -> Void) {
        var inner = ProtobufWriter()
        build(&inner)
        bytes(field, inner.bytes)
    }

    private mutating func littleEndian(_ value: UInt64, count: Int) {
        var value = value
        for _ in 0..<count {
            bytes.append(UInt8(truncatingIfNeeded: value))
            value >>= 8
        }
    }
}
