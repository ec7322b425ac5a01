/// A `.spacy` file (spaCy's `DocBin`) decoded lazily from one inflated buffer: the top-level map is
/// read once, every doc is decoded on demand (`doc(at:)`, `forEachDoc`), and `counts()` walks the
/// token columns without making any doc.
public struct DocBin: Sendable {
    /// The inflated msgpack payload; every range below points into it.
    public let payload: InflatedBuffer
    /// Size of the file as stored (zlib stream), or the payload size when given uncompressed.
    public let compressedSize: Int
    /// The `attrs` list: one attribute ID per column of `tokens`.
    public let attrs: [UInt64]
    /// The interned `strings`.
    public let strings: StringStore
    /// Number of docs.
    public let count: Int
    /// Number of token rows over all docs.
    public let tokenCount: Int

    let tokens: Range<Int>
    let spaces: Range<Int>
    /// First row of each doc, plus one final entry (`count + 1` values).
    let rowStarts: [Int]
    /// Offset of each doc's `cats` map.
    let cats: [Int]
    /// Offset of each doc's `flags` map, when the key is present.
    let flags: [Int]?
    /// Each doc's serialized `Doc.spans`, when the key is present.
    let spanGroups: [Range<Int>]?
    /// Each doc's serialized user data (`nil` entries for msgpack nil), when the key is present.
    let userData: [Range<Int>?]?
    let columns: Columns

    /// Number of docs whose stored user data is not empty (skipped, except `title`): an entry
    /// counts unless it is nil, `b""` or the empty map `80`.
    public var userDataCount: Int {
        var n = 0
        for entry in userData ?? [] {
            guard let entry, !entry.isEmpty else { continue }
            if entry.count == 1 && payload.bytes[entry.lowerBound] == 0x80 { continue }
            n += 1
        }
        return n
    }
    /// Size of the inflated payload.
    public var inflatedSize: Int { payload.count }
    /// Whether the file has a `flags` / `span_groups` / `user_data` key.
    public var hasFlags: Bool { flags != nil }
    public var hasSpanGroups: Bool { spanGroups != nil }
    public var hasUserData: Bool { userData != nil }

    /// Decodes a `.spacy` file's bytes (a zlib stream).
    /// - Parameter limits: how far the payload may inflate (decompression-bomb guard).
    public init(bytes: UnsafeRawBufferPointer, limits: InflateLimits = InflateLimits()) throws(DecodingError) {
        let payload = try Zlib.inflate(bytes, limits: limits)
        try self.init(payload: payload, compressedSize: bytes.count)
    }

    /// Decodes an already inflated msgpack payload.
    public init(payload: InflatedBuffer, compressedSize: Int? = nil) throws(DecodingError) {
        self.payload = payload
        self.compressedSize = compressedSize ?? payload.count
        var top = TopLevel()
        var reader = MsgPackReader(payload.bytes)
        try top.read(&reader)
        self.attrs = top.attrs
        self.strings = top.strings
        self.columns = try Columns(attrs: top.attrs, reader: reader)
        self.tokens = top.tokens
        self.spaces = top.spaces
        self.cats = top.cats
        self.flags = top.flags
        self.spanGroups = top.spanGroups
        self.userData = top.userData

        let lengths = top.lengths
        guard lengths.count % 4 == 0 else {
            throw reader.error("`lengths` holds \(lengths.count) bytes, expected a multiple of 4 (int32 per doc)", at: lengths.lowerBound)
        }
        let docs = lengths.count / 4
        var starts: [Int] = []
        starts.reserveCapacity(docs + 1)
        var rows = 0
        let raw = reader.slice(lengths)
        for i in 0..<docs {
            starts.append(rows)
            let n = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self))
            guard n >= 0 else {
                throw reader.error("doc \(i) has length \(n), expected a token count >= 0", at: lengths.lowerBound + 4 * i)
            }
            rows += Int(n)
            guard rows <= top.tokens.count else {
                throw reader.error("doc lengths add up to more tokens than `tokens` holds", at: lengths.lowerBound + 4 * i)
            }
        }
        starts.append(rows)
        self.count = docs
        self.rowStarts = starts
        self.tokenCount = rows

        let (expected, overflow) = rows.multipliedReportingOverflow(by: 8 * top.attrs.count)
        guard !overflow, top.tokens.count == expected else {
            throw reader.error(
                "`tokens` holds \(top.tokens.count) bytes, expected \(rows) rows x \(top.attrs.count) uint64 columns",
                at: top.tokens.lowerBound)
        }
        guard top.spaces.count == rows else {
            throw reader.error("`spaces` holds \(top.spaces.count) bytes, expected \(rows) (one per token)", at: top.spaces.lowerBound)
        }
        func check(_ n: Int?, _ key: String, _ at: Int) throws(DecodingError) {
            if let n, n != docs { throw reader.error("`\(key)` has \(n) entries, expected \(docs) (one per doc)", at: at) }
        }
        try check(top.cats.count, "cats", top.keyOffsets["cats"] ?? 0)
        try check(top.flags?.count, "flags", top.keyOffsets["flags"] ?? 0)
        try check(top.spanGroups?.count, "span_groups", top.keyOffsets["span_groups"] ?? 0)
        if let userData = top.userData, userData.count < docs {
            throw reader.error("`user_data` has \(userData.count) entries, expected \(docs)", at: top.keyOffsets["user_data"] ?? 0)
        }
    }

    /// The token rows of doc `index`.
    public func rows(of index: Int) -> Range<Int> { rowStarts[index]..<rowStarts[index + 1] }

    /// One stored value of the `tokens` table.
    @inline(__always) func value(row: Int, column: Int) -> UInt64 {
        let at = cellOffset(row: row, column: column)
        return UInt64(littleEndian: payload.bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    /// The payload offset of one stored value of the `tokens` table.
    @inline(__always) func cellOffset(row: Int, column: Int) -> Int { tokens.lowerBound + (row * attrs.count + column) * 8 }

    /// The `tokens` table for tight loops (rows were checked against its size when the file was read).
    var table: TokenTable {
        TokenTable(base: payload.bytes.baseAddress.map { $0 + tokens.lowerBound }, stride: attrs.count * 8)
    }

    /// Whether token `row` is followed by a space, as stored.
    @inline(__always) func space(row: Int) -> Bool { payload.bytes[spaces.lowerBound + row] != 0 }
}

/// Unchecked reads of the `tokens` table: `rows x columns` little-endian uint64 from `base`.
struct TokenTable {
    let base: UnsafeRawPointer?
    let stride: Int

    @inline(__always) func value(row: Int, column: Int) -> UInt64 {
        guard let base else { return 0 }
        return UInt64(littleEndian: (base + (row &* stride &+ column &* 8)).loadUnaligned(as: UInt64.self))
    }
}
