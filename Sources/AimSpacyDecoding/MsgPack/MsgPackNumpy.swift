/// An array or scalar in srsly's msgpack-numpy encoding: a map with bin keys `nd`, `type`, `kind`,
/// `shape`, `data` (see the spec §1.10). `data` stays a byte range; elements are read on demand
/// in the byte order the dtype names.
public struct MsgPackNumpyArray: Equatable, Sendable {
    /// `true` for an ndarray, `false` for a numpy scalar.
    public var isArray: Bool
    /// numpy `dtype.str`, e.g. `<i4`, `>f8`, `|u1`.
    public var dtype: String
    /// The shape, C order (empty for scalars).
    public var shape: [Int]
    /// The raw element bytes in the reader's buffer.
    public var data: Range<Int>

    /// Whether elements are stored big-endian.
    public var isBigEndian: Bool { dtype.first == ">" }
    /// The kind letter: `i`, `u`, `f`, `b`, ….
    public var kind: Character? { dtype.dropFirst().first }
    /// Bytes per element.
    public var itemSize: Int { Int(dtype.dropFirst(2)) ?? 0 }
    /// Number of elements the shape describes.
    public var elementCount: Int { shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue } }

    /// Recognises the encoding in a decoded map; `nil` when the map is not msgpack-numpy.
    public init?(_ value: MsgPackValue, in reader: MsgPackReader) {
        guard case .map(let members) = value else { return nil }
        func member(_ name: StaticString) -> MsgPackValue? {
            members.first { m in
                if case .binary(let r) = m.key { return reader.stringEquals(r, name) }
                return false
            }?.value
        }
        guard case .bool(let nd)? = member("nd"), case .string(let type)? = member("type"),
            case .binary(let data)? = member("data")
        else { return nil }
        var shape: [Int] = []
        if case .array(let dims)? = member("shape") {
            for dim in dims {
                guard case .int(let d) = dim, d >= 0 else { return nil }
                shape.append(Int(d))
            }
        }
        self.isArray = nd
        self.dtype = type
        self.shape = shape
        self.data = data
        guard itemSize > 0, data.count == elementCount.multipliedReportingOverflow(by: itemSize).partialValue
        else { return nil }
    }

    /// Element `index` as a Double (integer, unsigned, float and bool dtypes of 1–8 bytes).
    public func element(_ index: Int, in reader: MsgPackReader) -> Double? {
        guard index >= 0, index < elementCount, let kind else { return nil }
        let raw = reader.slice(data)
        let at = index * itemSize
        func load<T: FixedWidthInteger>(_: T.Type) -> T {
            let v = raw.loadUnaligned(fromByteOffset: at, as: T.self)
            return isBigEndian ? T(bigEndian: v) : T(littleEndian: v)
        }
        switch (kind, itemSize) {
        case ("i", 1): return Double(load(Int8.self))
        case ("i", 2): return Double(load(Int16.self))
        case ("i", 4): return Double(load(Int32.self))
        case ("i", 8): return Double(load(Int64.self))
        case ("u", 1), ("b", 1): return Double(load(UInt8.self))
        case ("u", 2): return Double(load(UInt16.self))
        case ("u", 4): return Double(load(UInt32.self))
        case ("u", 8): return Double(load(UInt64.self))
        case ("f", 4): return Double(Float(bitPattern: load(UInt32.self)))
        case ("f", 8): return Double(bitPattern: load(UInt64.self))
        default: return nil
        }
    }
}
