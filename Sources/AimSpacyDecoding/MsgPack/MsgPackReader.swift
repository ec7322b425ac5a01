/// One MessagePack item as the reader meets it. Strings, binaries and ext payloads are byte ranges
/// into the reader's buffer (no copy); containers give their element count and the reader then
/// stands on their first element.
public enum MsgPackItem: Equatable, Sendable {
    case `nil`
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case float(Double)
    case string(Range<Int>)
    case binary(Range<Int>)
    case array(count: Int)
    case map(count: Int)
    case ext(type: Int8, Range<Int>)

    /// The msgpack type name, for error messages.
    public var typeName: String {
        switch self {
        case .nil: "nil"
        case .bool: "bool"
        case .int, .uint: "int"
        case .float: "float"
        case .string: "str"
        case .binary: "bin"
        case .array: "array"
        case .map: "map"
        case .ext: "ext"
        }
    }
}

/// A pull reader of MessagePack (the whole format: every fix/8/16/32/64 form, float32/64, bin, ext)
/// over raw bytes. Errors carry the byte offset and the reader's key path.
public struct MsgPackReader {
    public var bytes: ByteReader

    public init(_ bytes: ByteReader) { self.bytes = bytes }

    public init(_ buffer: UnsafeRawBufferPointer, origin: Int = 0, path: String = "") {
        self.bytes = ByteReader(buffer, origin: origin, path: path)
    }

    public var offset: Int { bytes.offset }
    public var path: String {
        get { bytes.path }
        set { bytes.path = newValue }
    }

    public func error(_ message: String, at offset: Int? = nil) -> DecodingError {
        bytes.error(message, at: offset)
    }

    /// Reads the header of the next item.
    public mutating func next() throws(DecodingError) -> MsgPackItem {
        let marker = try bytes.readUInt8()
        switch marker {
        case 0x00...0x7f: return .int(Int64(marker))
        case 0x80...0x8f: return .map(count: try count(Int(marker & 0x0f), perElement: 2))
        case 0x90...0x9f: return .array(count: try count(Int(marker & 0x0f), perElement: 1))
        case 0xa0...0xbf: return .string(try range(Int(marker & 0x1f), "str"))
        case 0xc0: return .nil
        case 0xc2: return .bool(false)
        case 0xc3: return .bool(true)
        case 0xc4: return .binary(try range(Int(try bytes.readUInt8()), "bin8"))
        case 0xc5: return .binary(try range(Int(try bytes.readBigEndian(UInt16.self)), "bin16"))
        case 0xc6: return .binary(try range(Int(try bytes.readBigEndian(UInt32.self)), "bin32"))
        case 0xc7: return try ext(Int(try bytes.readUInt8()))
        case 0xc8: return try ext(Int(try bytes.readBigEndian(UInt16.self)))
        case 0xc9: return try ext(Int(try bytes.readBigEndian(UInt32.self)))
        case 0xca: return .float(Double(Float(bitPattern: try bytes.readBigEndian(UInt32.self))))
        case 0xcb: return .float(Double(bitPattern: try bytes.readBigEndian(UInt64.self)))
        case 0xcc: return .int(Int64(try bytes.readUInt8()))
        case 0xcd: return .int(Int64(try bytes.readBigEndian(UInt16.self)))
        case 0xce: return .int(Int64(try bytes.readBigEndian(UInt32.self)))
        case 0xcf:
            let value = try bytes.readBigEndian(UInt64.self)
            return value <= UInt64(Int64.max) ? .int(Int64(value)) : .uint(value)
        case 0xd0: return .int(Int64(Int8(bitPattern: try bytes.readUInt8())))
        case 0xd1: return .int(Int64(try bytes.readBigEndian(Int16.self)))
        case 0xd2: return .int(Int64(try bytes.readBigEndian(Int32.self)))
        case 0xd3: return .int(try bytes.readBigEndian(Int64.self))
        case 0xd4: return try ext(1)
        case 0xd5: return try ext(2)
        case 0xd6: return try ext(4)
        case 0xd7: return try ext(8)
        case 0xd8: return try ext(16)
        case 0xd9: return .string(try range(Int(try bytes.readUInt8()), "str8"))
        case 0xda: return .string(try range(Int(try bytes.readBigEndian(UInt16.self)), "str16"))
        case 0xdb: return .string(try range(Int(try bytes.readBigEndian(UInt32.self)), "str32"))
        case 0xdc: return .array(count: try count(Int(try bytes.readBigEndian(UInt16.self)), perElement: 1))
        case 0xdd: return .array(count: try count(Int(try bytes.readBigEndian(UInt32.self)), perElement: 1))
        case 0xde: return .map(count: try count(Int(try bytes.readBigEndian(UInt16.self)), perElement: 2))
        case 0xdf: return .map(count: try count(Int(try bytes.readBigEndian(UInt32.self)), perElement: 2))
        case 0xe0...0xff: return .int(Int64(Int8(bitPattern: marker)))
        default:
            throw bytes.error("invalid msgpack marker 0x\(String(marker, radix: 16)) (never used by the format)", at: bytes.offset - 1)
        }
    }

    /// Rejects container counts that cannot fit in what is left (each element takes at least a byte),
    /// so a corrupt count never drives a huge allocation.
    private func count(_ n: Int, perElement: Int) throws(DecodingError) -> Int {
        guard n <= bytes.remaining / perElement else {
            throw bytes.error("truncated input: container of \(n) elements, only \(bytes.remaining) bytes left")
        }
        return n
    }

    private mutating func range(_ length: Int, _ what: String) throws(DecodingError) -> Range<Int> {
        let start = bytes.offset
        try bytes.need(length, "\(what) payload")
        bytes.offset += length
        return start..<(start + length)
    }

    private mutating func ext(_ length: Int) throws(DecodingError) -> MsgPackItem {
        let type = Int8(bitPattern: try bytes.readUInt8())
        return .ext(type: type, try range(length, "ext"))
    }

    /// Skips one complete value (containers with everything inside), without recursion.
    public mutating func skipValue() throws(DecodingError) {
        var pending = 1
        while pending > 0 {
            pending -= 1
            switch try next() {
            case .array(let n): pending += n
            case .map(let n): pending += 2 * n
            default: break
            }
        }
    }

    /// Skips the elements of a container whose header `item` was just read (nothing for scalars).
    public mutating func skipContents(of item: MsgPackItem) throws(DecodingError) {
        let n: Int
        switch item {
        case .array(let count): n = count
        case .map(let count): n = 2 * count
        default: return
        }
        for _ in 0..<n { try skipValue() }
    }

    /// The bytes of a range returned in an item.
    public func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes.bytes[range])
    }

    /// Decodes the UTF-8 bytes of a range; invalid UTF-8 is an error, as in Python's msgpack.
    public func string(_ range: Range<Int>) throws(DecodingError) -> String {
        let raw = slice(range)
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw error("invalid UTF-8 in msgpack str", at: range.lowerBound)
        }
        return text
    }

    private func mismatch(_ expected: String, _ found: MsgPackItem, at start: Int) -> DecodingError {
        error("expected \(expected), found msgpack \(found.typeName)", at: start)
    }

    public mutating func readArrayHeader() throws(DecodingError) -> Int {
        let start = offset
        let item = try next()
        guard case .array(let n) = item else { throw mismatch("an array", item, at: start) }
        return n
    }

    public mutating func readMapHeader() throws(DecodingError) -> Int {
        let start = offset
        let item = try next()
        guard case .map(let n) = item else { throw mismatch("a map", item, at: start) }
        return n
    }

    /// Reads a str and returns its byte range.
    public mutating func readStringRange() throws(DecodingError) -> Range<Int> {
        let start = offset
        let item = try next()
        guard case .string(let r) = item else { throw mismatch("a str", item, at: start) }
        return r
    }

    public mutating func readString() throws(DecodingError) -> String {
        try string(try readStringRange())
    }

    public mutating func readBinary() throws(DecodingError) -> Range<Int> {
        let start = offset
        let item = try next()
        guard case .binary(let r) = item else { throw mismatch("a bin", item, at: start) }
        return r
    }

    public mutating func readInt() throws(DecodingError) -> Int64 {
        let start = offset
        let item = try next()
        switch item {
        case .int(let v): return v
        default: throw mismatch("an int", item, at: start)
        }
    }

    /// Reads any integer as its 64-bit pattern (uint64 values above `Int64.max` included).
    public mutating func readUInt64Pattern() throws(DecodingError) -> UInt64 {
        let start = offset
        let item = try next()
        switch item {
        case .int(let v): return UInt64(bitPattern: v)
        case .uint(let v): return v
        default: throw mismatch("an int", item, at: start)
        }
    }

    public mutating func readBool() throws(DecodingError) -> Bool {
        let start = offset
        let item = try next()
        guard case .bool(let b) = item else { throw mismatch("a bool", item, at: start) }
        return b
    }

    /// Whether the bytes of `range` spell exactly `literal` (for map keys).
    public func stringEquals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let raw = slice(range)
        let expected = UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        return raw.elementsEqual(expected)
    }
}
