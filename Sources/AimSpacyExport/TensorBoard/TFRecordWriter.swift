/// TFRecord framing, the container of TensorBoard event files: per record its length (8 bytes,
/// little-endian), the masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the data.
struct TFRecordWriter {
    private(set) var bytes: [UInt8] = []

    mutating func append(_ record: [UInt8]) {
        var length: [UInt8] = []
        var count = UInt64(record.count)
        for _ in 0..<8 {
            length.append(UInt8(truncatingIfNeeded: count))
            count >>= 8
        }
        bytes += length
        appendUInt32(CRC32C.masked(length))
        bytes += record
        appendUInt32(CRC32C.masked(record))
    }

    private mutating func appendUInt32(_ value: UInt32) {
        var value = value
        for _ in 0..<4 {
            bytes.append(UInt8(truncatingIfNeeded: value))
            value >>= 8
        }
    }

    /// The first record of `bytes`, or `nil` when they do not start with a well-framed record.
    static func firstRecord(of bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 12 else { return nil }
        var length: UInt64 = 0
        for index in (0..<8).reversed() { length = length << 8 | UInt64(bytes[index]) }
        guard length <= UInt64(bytes.count - 16) else { return nil }
        let end = 12 + Int(length)
        let record = Array(bytes[12..<end])
        var stored: UInt32 = 0
        for index in (end..<end + 4).reversed() { stored = stored << 8 | UInt32(bytes[index]) }
        return stored == CRC32C.masked(record) ? record : nil
    }
}
