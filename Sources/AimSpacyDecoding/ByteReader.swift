/// A bounds-checked cursor over one buffer of bytes. Every read either succeeds or throws a
/// `DecodingError` carrying the byte offset (relative to `origin`) and the key path being read.
public struct ByteReader {
    /// The bytes being read.
    public let bytes: UnsafeRawBufferPointer
    /// The next byte to read, as an index into `bytes`.
    public var offset: Int
    /// Added to offsets in errors, so a reader over a nested value reports file positions.
    public var origin: Int
    /// The key path reported in errors (e.g. `span_groups[3]`).
    public var path: String

    public init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0, origin: Int = 0, path: String = "") {
        self.bytes = bytes
        self.offset = offset
        self.origin = origin
        self.path = path
    }

    /// Bytes left to read.
    public var remaining: Int { bytes.count - offset }
    public var isAtEnd: Bool { offset >= bytes.count }

    /// An error at the current position (or at `offset`), naming the current key path.
    public func error(_ message: String, at offset: Int? = nil) -> DecodingError {
        DecodingError(location: .binary(offset: origin + (offset ?? self.offset), path: path), message: message)
    }

    @inline(__always) mutating func need(_ count: Int, _ what: @autoclosure () -> String) throws(DecodingError) {
        guard count >= 0, count <= bytes.count - offset else { throw truncated(count, what()) }
    }

    @inline(never) func truncated(_ count: Int, _ what: String) -> DecodingError {
        error("truncated input: expected \(what) (\(count) bytes), \(max(0, remaining)) left")
    }

    @inline(__always) public mutating func readUInt8() throws(DecodingError) -> UInt8 {
        try need(1, "1 byte")
        let value = bytes[offset]
        offset += 1
        return value
    }

    /// Reads a big-endian unsigned integer of `T`'s width.
    @inline(__always) public mutating func readBigEndian<T: FixedWidthInteger>(_: T.Type) throws(DecodingError) -> T {
        let size = MemoryLayout<T>.size
        try need(size, "a \(size)-byte big-endian integer")
        let value = bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
        offset += size
        return T(bigEndian: value)
    }

    /// Takes the next `count` bytes as a sub-buffer (no copy).
    public mutating func readBytes(_ count: Int, _ what: @autoclosure () -> String = "bytes")
        throws(DecodingError) -> UnsafeRawBufferPointer
    {
        try need(count, what())
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
        offset += count
        return slice
    }

    public mutating func skip(_ count: Int) throws(DecodingError) {
        try need(count, "\(count) bytes to skip")
        offset += count
    }
}

extension DecodingError {
    /// The same error with `prefix` put in front of its key path (`cats[3]` + `.label`). Decoders
    /// add path components this way, on the way out, so that the path costs nothing unless thrown.
    public func prefixingPath(_ prefix: String) -> DecodingError {
        guard case .binary(let offset, let path) = location else { return self }
        var copy = self
        let joined: String
        if path.isEmpty {
            joined = prefix
        } else if path.hasPrefix("[") || path.hasPrefix("{") || path.hasPrefix(".") || prefix.isEmpty {
            joined = prefix + path
        } else {
            joined = prefix + "." + path
        }
        copy.location = .binary(offset: offset, path: joined)
        return copy
    }
}
