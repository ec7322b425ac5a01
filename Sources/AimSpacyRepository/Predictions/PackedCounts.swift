/// Per-doc error counts as stored: one unsigned LEB128 varint per doc, so the usual small counts take
/// one byte each (a 20,000-doc corpus about 20 KB instead of a JSON list several times that).
package enum PackedCounts {
    package static func encode(_ counts: [Int]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(counts.count)
        for count in counts {
            var value = UInt64(max(0, count))
            while value >= 0x80 {
                bytes.append(UInt8(value & 0x7F) | 0x80)
                value >>= 7
            }
            bytes.append(UInt8(value))
        }
        return bytes
    }

    /// The counts, or a `RepositoryError` naming the byte where the packing breaks.
    package static func decode(_ bytes: some Collection<UInt8>, _ what: String) throws(RepositoryError) -> [Int] {
        var counts: [Int] = []
        var value: UInt64 = 0
        var shift: UInt64 = 0
        var offset = 0
        for byte in bytes {
            guard shift < 63 else { throw RepositoryError("stored \(what): varint too long at byte \(offset)") }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                counts.append(Int(value))
                value = 0
                shift = 0
            } else {
                shift += 7
            }
            offset += 1
        }
        guard shift == 0 else { throw RepositoryError("stored \(what): the last varint is cut short at byte \(offset)") }
        return counts
    }
}
