/// JSON text output with Python's conventions (`json.dumps`): `", "`/`": "` separators when not
/// compact, floats as Python's `repr`, non-ASCII kept as is, `NaN`/`Infinity` as Python writes them.
extension JSONValue {
    /// Serializes the value.
    /// - Parameters:
    ///   - sortKeys: sort object keys (Python's `sort_keys=True`); otherwise insertion order.
    ///   - indent: spaces per level for pretty output; `nil` writes one line.
    ///   - ensureASCII: escape every non-ASCII character as `\uXXXX` (Python's default `ensure_ascii=True`).
    public func serialized(sortKeys: Bool = false, indent: Int? = nil, ensureASCII: Bool = false) -> String {
        String(decoding: serializedUTF8(sortKeys: sortKeys, indent: indent, ensureASCII: ensureASCII), as: UTF8.self)
    }

    /// The same text as UTF-8 bytes, for outputs written as bytes (archives, files).
    public func serializedUTF8(sortKeys: Bool = false, indent: Int? = nil, ensureASCII: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        write(to: &out, options: (sortKeys, indent, ensureASCII), level: 0)
        return out
    }

    private typealias Options = (sortKeys: Bool, indent: Int?, ensureASCII: Bool)

    private static func write(_ s: String, to out: inout [UInt8], ensureASCII: Bool) {
        if ensureASCII { writeASCIIString(s, to: &out) } else { writeString(s, to: &out) }
    }

    private func write(to out: inout [UInt8], options: Options, level: Int) {
        let indent = options.indent
        switch self {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .int(let i): out += String(i).utf8
        case .double(let d): out += JSONValue.pythonRepr(d).utf8
        case .string(let s): JSONValue.write(s, to: &out, ensureASCII: options.ensureASCII)
        case .array(let items):
            if items.isEmpty {
                out += "[]".utf8
                return
            }
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out += (indent == nil ? ", " : ",").utf8 }
                JSONValue.newline(&out, indent: indent, level: level + 1)
                item.write(to: &out, options: options, level: level + 1)
            }
            JSONValue.newline(&out, indent: indent, level: level)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                out += "{}".utf8
                return
            }
            let ordered = options.sortKeys ? members.sorted { $0.key < $1.key } : members
            out.append(UInt8(ascii: "{"))
            for (n, member) in ordered.enumerated() {
                if n > 0 { out += (indent == nil ? ", " : ",").utf8 }
                JSONValue.newline(&out, indent: indent, level: level + 1)
                JSONValue.write(member.key, to: &out, ensureASCII: options.ensureASCII)
                out += ": ".utf8
                member.value.write(to: &out, options: options, level: level + 1)
            }
            JSONValue.newline(&out, indent: indent, level: level)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ out: inout [UInt8], indent: Int?, level: Int) {
        guard let indent else { return }
        out.append(0x0A)
        out += repeatElement(UInt8(ascii: " "), count: indent * level)
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

    /// Appends the JSON string literal of `s` with Python's `ensure_ascii=False` escaping.
    public static func writeString(_ s: String, to buffer: inout [UInt8]) {
        var copy = s
        buffer.reserveCapacity(buffer.count + s.utf8.count + 2)
        buffer.append(0x22)
        copy.withUTF8 { appendEscaped(utf8: $0, to: &buffer) }
        buffer.append(0x22)
    }

    /// The JSON string literal of `s` as Python writes it with `ensure_ascii=True`: everything outside
    /// space…tilde escaped, as `\uXXXX` unless it has a short escape; astral characters as surrogate pairs.
    public static func writeASCIIString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x7F {
                if needsEscape(UInt8(v)) { appendEscape(of: UInt8(v), to: &out) } else { out.append(UInt8(v)) }
                continue
            }
            if v < 0x10000 {
                appendUnicodeEscape(v, to: &out)
            } else {
                appendUnicodeEscape(0xD800 + ((v - 0x10000) >> 10), to: &out)
                appendUnicodeEscape(0xDC00 + ((v - 0x10000) & 0x3FF), to: &out)
            }
        }
        out.append(0x22)
    }

    /// `\uXXXX` with lower-case hex digits, as `json.dumps` writes it.
    private static func appendUnicodeEscape(_ v: UInt32, to out: inout [UInt8]) {
        out += "\\u".utf8
        for shift in stride(from: 12, through: 0, by: -4) {
            let digit = UInt8((v >> UInt32(shift)) & 0xF)
            out.append(digit < 10 ? 0x30 + digit : 0x57 + digit)
        }
    }

    /// The inside of the JSON string literal of these bytes: runs that need no escape are copied
    /// whole, `"`, `\` and the control characters escaped as `json.dumps` does.
    package static func appendEscaped(utf8 bytes: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        var run = 0
        for i in bytes.indices where needsEscape(bytes[i]) {
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
            appendEscape(of: bytes[i], to: &buffer)
            run = i + 1
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
    }

    /// Whether `json.dumps` escapes the byte: `"`, `\` and the control characters.
    @inline(__always)
    package static func needsEscape(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C }

    /// The escape of a byte that `needsEscape`: `\"`, `\\`, `\n` and the like, else `\u00XX`.
    package static func appendEscape(of byte: UInt8, to buffer: inout [UInt8]) {
        buffer.append(0x5C)
        switch byte {
        case 0x22, 0x5C: buffer.append(byte)
        case 0x0A: buffer.append(UInt8(ascii: "n"))
        case 0x0D: buffer.append(UInt8(ascii: "r"))
        case 0x09: buffer.append(UInt8(ascii: "t"))
        case 0x08: buffer.append(UInt8(ascii: "b"))
        case 0x0C: buffer.append(UInt8(ascii: "f"))
        default:
            let low = byte & 0xF
            buffer.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, 0x30 + (byte >> 4), low < 10 ? 0x30 + low : 0x57 + low])
        }
    }
}
