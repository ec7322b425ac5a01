/// Byte-level pieces of JSON text that both JSON readers share: the strict one of the model and the
/// config's Python/ujson dialects, which differ in what they accept but not in these.
package enum JSONText {
    /// JSON's insignificant whitespace: space, `\n`, `\r`, `\t`.
    package static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// Whether `literal` is spelled at `position`.
    package static func matches(_ literal: StaticString, in bytes: UnsafeRawBufferPointer, at position: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let start = literal.utf8Start
        for i in 0..<count where bytes[position + i] != start[i] { return false }
        return true
    }

    /// The code point of a `\u` escape whose four hex digits start at `start`, joined with a
    /// following `\uDC00`–`\uDFFF` escape into one character when it is a high surrogate, and the
    /// number of bytes it took (4 or 10); `nil` when the four digits are not hex. A lone surrogate
    /// becomes U+FFFD: Python keeps it, a Swift string cannot.
    package static func unicodeEscape(_ bytes: UnsafeRawBufferPointer, at start: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        guard let high = hex4(bytes, at: start) else { return nil }
        var value = high
        var length = 4
        let next = start + 4
        if (0xD800..<0xDC00).contains(high), next + 6 <= bytes.count, bytes[next] == UInt8(ascii: "\\"),
            bytes[next + 1] == UInt8(ascii: "u"), let low = hex4(bytes, at: next + 2), (0xDC00..<0xE000).contains(low)
        {
            value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            length = 10
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    private static func hex4(_ bytes: UnsafeRawBufferPointer, at start: Int) -> UInt32? {
        guard start + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for k in 0..<4 {
            let c = bytes[start + k]
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }
}
