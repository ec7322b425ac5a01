/// JSON text output with Python's conventions (`json.dumps`): `", "`/`": "` separators when not
/// compact, floats as Python's `repr`, non-ASCII kept as is, `NaN`/`Infinity` as Python writes them.
extension JSONValue {
    /// Serializes the value.
    /// - Parameters:
    ///   - sortKeys: sort object keys (Python's `sort_keys=True`); otherwise insertion order.
    ///   - indent: spaces per level for pretty output; `nil` writes one line.
    public func serialized(sortKeys: Bool = false, indent: Int? = nil) -> String {
        var out = ""
        write(to: &out, sortKeys: sortKeys, indent: indent, level: 0)
        return out
    }

    private func write(to out: inout String, sortKeys: Bool, indent: Int?, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += JSONValue.pythonRepr(d)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (n, item) in items.enumerated() {
                if n > 0 { out += indent == nil ? ", " : "," }
                JSONValue.newline(&out, indent: indent, level: level + 1)
                item.write(to: &out, sortKeys: sortKeys, indent: indent, level: level + 1)
            }
            JSONValue.newline(&out, indent: indent, level: level)
            out += "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            let ordered = sortKeys ? members.sorted { $0.key < $1.key } : members
            out += "{"
            for (n, member) in ordered.enumerated() {
                if n > 0 { out += indent == nil ? ", " : "," }
                JSONValue.newline(&out, indent: indent, level: level + 1)
                JSONValue.writeString(member.key, to: &out)
                out += ": "
                member.value.write(to: &out, sortKeys: sortKeys, indent: indent, level: level + 1)
            }
            JSONValue.newline(&out, indent: indent, level: level)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, indent: Int?, level: Int) {
        guard let indent else { return }
        out += "\n"
        out += String(repeating: " ", count: indent * level)
    }

    /// Python's `repr(float)` as `json.dumps` writes it: the shortest round-trip digits, positional
    /// when the decimal exponent is in -4..<16, else `d.ddde±XX`; `NaN` and `Infinity` for the rest.
    /// (Swift's own `description` switches to exponents at 2^53, so it cannot be used as is.)
    public static func pythonRepr(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        var text = d.magnitude.description
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        var digits = ""
        var pointPosition = text.count
        for (i, c) in text.enumerated() {
            if c == "." { pointPosition = i } else { digits.append(c) }
        }
        // Decimal exponent of the first digit of `digits`.
        var firstExponent = pointPosition - 1 + exponent
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            firstExponent -= 1
        }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        let sign = d < 0 ? "-" : ""
        if firstExponent < -4 || firstExponent >= 16 {
            let rest = digits.dropFirst()
            let mantissa = String(digits.prefix(1)) + (rest.isEmpty ? "" : "." + rest)
            let magnitude = String(abs(firstExponent))
            return sign + mantissa + "e" + (firstExponent < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
        }
        if firstExponent < 0 {
            return sign + "0." + String(repeating: "0", count: -firstExponent - 1) + digits
        }
        let integerCount = firstExponent + 1
        if digits.count <= integerCount {
            return sign + digits + String(repeating: "0", count: integerCount - digits.count) + ".0"
        }
        return sign + String(digits.prefix(integerCount)) + "." + String(digits.dropFirst(integerCount))
    }

    /// Writes a JSON string literal with Python's `ensure_ascii=False` escaping.
    public static func writeString(_ s: String, to out: inout String) {
        var buffer: [UInt8] = []
        writeString(s, to: &buffer)
        out += String(decoding: buffer, as: UTF8.self)
    }

    /// The same literal appended as UTF-8 bytes, for outputs assembled as bytes.
    public static func writeString(_ s: String, to buffer: inout [UInt8]) {
        var copy = s
        copy.withUTF8 { writeString(utf8: $0, to: &buffer) }
    }

    /// The literal of a string given as its UTF-8 bytes.
    public static func writeString(utf8 bytes: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        let start = buffer.count
        let length = encodedStringLength(utf8: bytes)
        buffer.append(contentsOf: repeatElement(0, count: length))
        buffer.withUnsafeMutableBufferPointer { out in
            _ = writeString(utf8: bytes, into: UnsafeMutableBufferPointer(rebasing: out[start...]))
        }
    }

    /// The byte length of the literal `writeString` makes of these bytes, quotes included.
    /// Eight bytes at a time (SWAR): render markup is megabytes.
    public static func encodedStringLength(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 2 }
        var length = bytes.count + 2
        var i = 0
        while i + 8 <= bytes.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let control = Self.below0x20(word)
            let special = control | Self.equal(word, 0x22) | Self.equal(word, 0x5C)
            length &+= special.nonzeroBitCount
            if control != 0 {
                let short =
                    Self.equal(word, 0x0A) | Self.equal(word, 0x09) | Self.equal(word, 0x0D) | Self.equal(word, 0x08)
                    | Self.equal(word, 0x0C)
                length &+= 4 * (control & ~short).nonzeroBitCount
            }
            i += 8
        }
        while i < bytes.count {
            let code = jsonEscapeCode(base[i])
            length &+= code == 0 ? 0 : code == 0x75 ? 5 : 1
            i += 1
        }
        return length
    }

    private static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` that equals `byte`, exactly (no carries between bytes).
    @inline(__always)
    private static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let v = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return ~(((v & lowBits) &+ lowBits) | v | lowBits)
    }

    /// The high bit of each byte of `word` below 0x20.
    @inline(__always)
    private static func below0x20(_ word: UInt64) -> UInt64 {
        ~(((word & lowBits) &+ 0x6060_6060_6060_6060) | word) & highBits
    }

    /// Writes the literal into `out`, which holds at least `encodedStringLength(utf8:)` bytes; returns
    /// the number written. Without a branch per byte: dep markup has a quote every dozen bytes, too
    /// often for block copies or predicted branches. (Each byte also writes the next position, which
    /// the following byte or the closing quote overwrites.)
    public static func writeString(utf8 bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        guard let base = out.baseAddress else { return 0 }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { table in
            for byte in 0..<256 { table[byte] = jsonEscapeCode(UInt8(byte)) }
            var o = 0
            base[o] = 0x22
            o += 1
            for byte in bytes {
                let code = table[Int(byte)]
                base[o] = code == 0 ? byte : 0x5C
                base[o + 1] = code
                o += code == 0 ? 1 : 2
                if code == 0x75 {
                    base[o] = 0x30
                    base[o + 1] = 0x30
                    base[o + 2] = 0x30 + (byte >> 4)
                    let low = byte & 0xF
                    base[o + 3] = low < 10 ? 0x30 + low : 0x57 + low
                    o += 4
                }
            }
            base[o] = 0x22
            return o + 1
        }
    }

    /// The letter after the backslash when `json.dumps` escapes the byte (`u` for `\u00XX`), else 0.
    private static func jsonEscapeCode(_ byte: UInt8) -> UInt8 {
        switch byte {
        case 0x22, 0x5C: return byte
        case 0x0A: return UInt8(ascii: "n")
        case 0x0D: return UInt8(ascii: "r")
        case 0x09: return UInt8(ascii: "t")
        case 0x08: return UInt8(ascii: "b")
        case 0x0C: return UInt8(ascii: "f")
        case 0..<0x20: return UInt8(ascii: "u")
        default: return 0
        }
    }
}
