/// Hand-crafts zip bytes the way a hostile or foreign tool could: stored entries with any name,
/// Unix mode and declared size, so tests can build archives our writer would never produce.
struct ZipBuilder {
    struct Item {
        var name: String
        var data: [UInt8]
        /// Unix mode in the upper half of the external attributes (0o100644 file, 0o120777 symlink).
        var mode: UInt32 = 0o100644
        /// Overrides the declared uncompressed size (a lying header).
        var declaredSize: UInt32?
    }

    var items: [Item] = []

    mutating func add(_ name: String, _ data: [UInt8], mode: UInt32 = 0o100644, declaredSize: UInt32? = nil) {
        items.append(Item(name: name, data: data, mode: mode, declaredSize: declaredSize))
    }

    mutating func add(_ name: String, _ text: String, mode: UInt32 = 0o100644) {
        add(name, Array(text.utf8), mode: mode)
    }

    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for item in items {
            let offset = UInt32(out.count)
            let name = Array(item.name.utf8)
            let crc = Self.crc32(item.data)
            let size = UInt32(item.data.count)
            let declared = item.declaredSize ?? size
            out += Self.le32(0x0403_4b50) + Self.le16(20) + Self.le16(0x0800) + Self.le16(0) + Self.le16(0) + Self.le16(0x21)
            out += Self.le32(crc) + Self.le32(size) + Self.le32(declared) + Self.le16(UInt16(name.count)) + Self.le16(0)
            out += name + item.data
            central += Self.le32(0x0201_4b50) + Self.le16(0x031E) + Self.le16(20) + Self.le16(0x0800) + Self.le16(0)
            central += Self.le16(0) + Self.le16(0x21) + Self.le32(crc) + Self.le32(size) + Self.le32(declared)
            central += Self.le16(UInt16(name.count)) + Self.le16(0) + Self.le16(0) + Self.le16(0) + Self.le16(0)
            central += Self.le32(item.mode << 16) + Self.le32(offset) + name
        }
        let cdOffset = UInt32(out.count)
        out += central
        out += Self.le32(0x0605_4b50) + Self.le16(0) + Self.le16(0) + Self.le16(UInt16(items.count)) + Self.le16(UInt16(items.count))
        out += Self.le32(UInt32(central.count)) + Self.le32(cdOffset) + Self.le16(0)
        return out
    }

    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8)] }
    static func le32(_ value: UInt32) -> [UInt8] { le16(UInt16(value & 0xffff)) + le16(UInt16(value >> 16)) }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
