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

    /// Writes a JSON string literal with Python's `ensure_ascii=False` escaping. Runs of bytes that
    /// need no escape are copied whole: render markup is megabytes of them.
    public static func writeString(_ s: String, to out: inout String) {
        var buffer: [UInt8] = []
        writeString(s, to: &buffer)
        out += String(decoding: buffer, as: UTF8.self)
    }

    /// The same literal appended as UTF-8 bytes, for outputs assembled as bytes. Sized in one pass
    /// and written with block copies: dep markup has a quote every few bytes.
    public static func writeString(_ s: String, to buffer: inout [UInt8]) {
        var copy = s
        copy.withUTF8 { writeString(utf8: $0, to: &buffer) }
    }

    /// The literal of a string given as its UTF-8 bytes.
    public static func writeString(utf8 bytes: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        var extra = 2
        for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            switch byte {
            case 0x22, 0x5C, 0x0A, 0x0D, 0x09, 0x08, 0x0C: extra += 1
            default: extra += 5
            }
        }
        let start = buffer.count
        let total = bytes.count + extra
        buffer.append(contentsOf: repeatElement(0, count: total))
        buffer.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress, let source = bytes.baseAddress else {
                out[start] = 0x22
                out[start + 1] = 0x22
                return
            }
            var o = start
            out[o] = 0x22
            o += 1
            var runStart = 0
            let digits: StaticString = "0123456789abcdef"
            for i in 0..<bytes.count {
                let byte = source[i]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                let run = i - runStart
                if run > 0 {
                    (base + o).update(from: source + runStart, count: run)
                    o += run
                }
                runStart = i + 1
                base[o] = 0x5C
                o += 1
                switch byte {
                case 0x22, 0x5C: base[o] = byte
                case 0x0A: base[o] = UInt8(ascii: "n")
                case 0x0D: base[o] = UInt8(ascii: "r")
                case 0x09: base[o] = UInt8(ascii: "t")
                case 0x08: base[o] = UInt8(ascii: "b")
                case 0x0C: base[o] = UInt8(ascii: "f")
                default:
                    base[o] = UInt8(ascii: "u")
                    base[o + 1] = 0x30
                    base[o + 2] = 0x30
                    base[o + 3] = digits.utf8Start[Int(byte >> 4)]
                    base[o + 4] = digits.utf8Start[Int(byte & 0xF)]
                    o += 4
                }
                o += 1
            }
            let run = bytes.count - runStart
            if run > 0 {
                (base + o).update(from: source + runStart, count: run)
                o += run
            }
            base[o] = 0x22
        }
    }
}
