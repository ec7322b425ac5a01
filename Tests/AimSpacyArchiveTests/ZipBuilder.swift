/// Hand-crafts zip bytes the way a hostile or foreign tool could: stored entries with any name,
/// Unix mode, flags, method and declared size, central records that alias another entry's data,
/// and zip64 records, so tests can build archives our writer would never produce.
struct ZipBuilder {
    struct Item {
        var name: String
        var data: [UInt8]
        /// Unix mode in the upper half of the external attributes (0o100644 file, 0o120777 symlink).
        var mode: UInt32 = 0o100644
        /// Overrides the declared uncompressed size (a lying header).
        var declaredSize: UInt32?
        var flags: UInt16 = 0x0800
        var method: UInt16 = 0
    }

    var items: [Item] = []
    /// Extra central records (name, index of the item whose local header and data they reuse).
    var aliases: [(name: String, item: Int)] = []
    /// Writes sizes and offsets through zip64 extra fields and a zip64 end of central directory.
    var zip64 = false

    mutating func add(_ name: String, _ data: [UInt8], mode: UInt32 = 0o100644, declaredSize: UInt32? = nil) {
        items.append(Item(name: name, data: data, mode: mode, declaredSize: declaredSize))
    }

    mutating func add(_ name: String, _ text: String, mode: UInt32 = 0o100644) {
        add(name, Array(text.utf8), mode: mode)
    }

    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        var offsets: [UInt32] = []
        for item in items {
            offsets.append(UInt32(out.count))
            let name = Array(item.name.utf8)
            let size = UInt32(item.data.count)
            out += Self.le32(0x0403_4b50) + Self.le16(20) + Self.le16(item.flags) + Self.le16(item.method) + Self.le16(0) + Self.le16(0x21)
            out += Self.le32(Self.crc32(item.data)) + Self.le32(size) + Self.le32(item.declaredSize ?? size)
            out += Self.le16(UInt16(name.count)) + Self.le16(0) + name + item.data
        }
        let records = items.indices.map { ($0, items[$0].name) } + aliases.map { ($0.item, $0.name) }
        for (index, recordName) in records {
            let item = items[index]
            let name = Array(recordName.utf8)
            let size = UInt32(item.data.count), declared = item.declaredSize ?? size
            var extra: [UInt8] = []
            var fields = (Self.le32(size), Self.le32(declared), Self.le32(offsets[index]))
            if zip64 {
                extra = Self.le16(1) + Self.le16(24) + Self.le64(UInt64(declared)) + Self.le64(UInt64(size)) + Self.le64(UInt64(offsets[index]))
                fields = (Self.le32(.max), Self.le32(.max), Self.le32(.max))
            }
            central += Self.le32(0x0201_4b50) + Self.le16(0x031E) + Self.le16(20) + Self.le16(item.flags) + Self.le16(item.method)
            central += Self.le16(0) + Self.le16(0x21) + Self.le32(Self.crc32(item.data)) + fields.0 + fields.1
            central += Self.le16(UInt16(name.count)) + Self.le16(UInt16(extra.count)) + Self.le16(0) + Self.le16(0) + Self.le16(0)
            central += Self.le32(item.mode << 16) + fields.2 + name + extra
        }
        let cdOffset = UInt32(out.count)
        out += central
        if zip64 {
            let zip64Offset = UInt64(out.count)
            out += Self.le32(0x0606_4b50) + Self.le64(44) + Self.le16(45) + Self.le16(45) + Self.le32(0) + Self.le32(0)
            out += Self.le64(UInt64(records.count)) + Self.le64(UInt64(records.count))
            out += Self.le64(UInt64(central.count)) + Self.le64(UInt64(cdOffset))
            out += Self.le32(0x0706_4b50) + Self.le32(0) + Self.le64(zip64Offset) + Self.le32(1)
            out += Self.le32(0x0605_4b50) + Self.le16(0) + Self.le16(0) + Self.le16(.max) + Self.le16(.max)
            out += Self.le32(.max) + Self.le32(.max) + Self.le16(0)
        } else {
            out += Self.le32(0x0605_4b50) + Self.le16(0) + Self.le16(0) + Self.le16(UInt16(records.count)) + Self.le16(UInt16(records.count))
            out += Self.le32(UInt32(central.count)) + Self.le32(cdOffset) + Self.le16(0)
        }
        return out
    }

    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8)] }
    static func le32(_ value: UInt32) -> [UInt8] { le16(UInt16(value & 0xffff)) + le16(UInt16(value >> 16)) }
    static func le64(_ value: UInt64) -> [UInt8] { le32(UInt32(value & 0xffff_ffff)) + le32(UInt32(value >> 32)) }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
