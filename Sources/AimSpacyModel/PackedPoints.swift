/// A series' points as one compact byte string, the form every repository backend stores them in
/// (one value per series instead of a row per point).
///
/// Layout: the format byte `1`, the point count as an unsigned LEB128 varint, then per point the
/// step and the epoch as zigzag varints of their difference to the previous point's (the first
/// against 0), and the value's IEEE 754 bits as 8 little-endian bytes (NaN and its payload kept).
/// A training's steps and epochs rise slowly, so a point takes 10 bytes.
public enum PackedPoints {
    /// The format byte this version writes and reads.
    public static let format: UInt8 = 1

    /// Why bytes are not packed points.
    public struct Malformed: Error, Sendable, Equatable, CustomStringConvertible {
        /// The offset in the packed bytes where reading failed.
        public let offset: Int
        public let reason: String
        public var description: String { "packed points: \(reason) at byte \(offset)" }
    }

    /// Packs the points.
    public static func encode(_ points: [MetricPoint]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2 + points.count * 11)
        bytes.append(format)
        appendVarint(UInt64(points.count), to: &bytes)
        var step = 0
        var epoch = 0
        for point in points {
            appendVarint(zigzag(point.step &- step), to: &bytes)
            appendVarint(zigzag(point.epoch &- epoch), to: &bytes)
            var bits = point.value.bitPattern
            for _ in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: bits))
                bits >>= 8
            }
            step = point.step
            epoch = point.epoch
        }
        return bytes
    }

    /// Unpacks points written by `encode`; throws on anything else, never reads out of bounds.
    public static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(Malformed) -> [MetricPoint] {
        try Array(bytes).withUnsafeBufferPointer { buffer throws(Malformed) in try decode(buffer) }
    }

    /// Unpacks points from a buffer.
    public static func decode(_ buffer: UnsafeBufferPointer<UInt8>) throws(Malformed) -> [MetricPoint] {
        var offset = 0
        guard offset < buffer.count else { throw Malformed(offset: 0, reason: "empty") }
        guard buffer[0] == format else { throw Malformed(offset: 0, reason: "unknown format \(buffer[0])") }
        offset = 1
        let count = try readVarint(buffer, &offset)
        // Each point takes at least 10 bytes: a count the bytes cannot hold is refused before allocating.
        guard count <= UInt64((buffer.count - offset) / 10) else {
            throw Malformed(offset: 1, reason: "count \(count) larger than the bytes hold")
        }
        var points: [MetricPoint] = []
        points.reserveCapacity(Int(count))
        var step = 0
        var epoch = 0
        for _ in 0..<count {
            step = step &+ unzigzag(try readVarint(buffer, &offset))
            epoch = epoch &+ unzigzag(try readVarint(buffer, &offset))
            guard buffer.count - offset >= 8 else { throw Malformed(offset: offset, reason: "value cut short") }
            var bits: UInt64 = 0
            for index in (0..<8).reversed() {
                bits = bits << 8 | UInt64(buffer[offset + index])
            }
            offset += 8
            points.append(MetricPoint(step: step, epoch: epoch, value: Double(bitPattern: bits)))
        }
        guard offset == buffer.count else { throw Malformed(offset: offset, reason: "trailing bytes") }
        return points
    }

    private static func zigzag(_ value: Int) -> UInt64 {
        UInt64(bitPattern: Int64(value << 1 ^ value >> (Int.bitWidth - 1)))
    }

    private static func unzigzag(_ value: UInt64) -> Int {
        Int(truncatingIfNeeded: Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1))
    }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private static func readVarint(_ buffer: UnsafeBufferPointer<UInt8>, _ offset: inout Int) throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        let start = offset
        while offset < buffer.count {
            let byte = buffer[offset]
            offset += 1
            guard shift < 64, shift < 63 || byte <= 1 else { throw Malformed(offset: start, reason: "varint too long") }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        throw Malformed(offset: start, reason: "varint cut short")
    }
}
