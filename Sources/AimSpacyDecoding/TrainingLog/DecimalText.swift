import AimSpacyModel

/// Decimal numbers as spaCy's loggers print them (`{:.2f}`, ujson floats), read without inventing
/// precision: a value scaled by a power of ten is the double nearest to the scaled *decimal*, so
/// `54.55` ÷ 100 is exactly the double of `0.5455`, not `54.55 / 100.0`.
enum DecimalText {
    /// The value of `bytes` (`-12.34`, `1e-05`, `nan`, `inf`) times 10^`shift`, or `nil` when the bytes
    /// are not a number.
    static func value(_ bytes: UnsafeRawBufferPointer, shift: Int = 0) -> Double? {
        guard !bytes.isEmpty, bytes.count < 64 else { return nil }
        if let short = ShortDecimal(bytes)?.scaled(by: shift).double { return short }
        switch ascii(bytes) {
        case "nan": return .nan
        case "inf": return .infinity
        case "-inf": return -.infinity
        default: break
        }
        guard let parts = parts(bytes) else { return nil }
        let exponent = parts.exponent + shift
        let text = ascii(UnsafeRawBufferPointer(rebasing: bytes[..<parts.mantissaEnd])) + "e\(exponent)"
        return Double(text)
    }

    /// Digits after the decimal point (`54.55` → 2, `41.3799858093` → 10, `7` → 0).
    static func decimals(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")) else { return 0 }
        var count = 0
        var index = dot + 1
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            count += 1
            index += 1
        }
        return count
    }

    /// An integer cell (`0`, `600`), or `nil`.
    static func integer(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        var negative = false
        for (n, byte) in bytes.enumerated() {
            if n == 0, byte == UInt8(ascii: "-"), bytes.count > 1 {
                negative = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return negative ? -value : value
    }

    /// Checks `-?digits[.digits][(e|E)[+-]digits]` and splits off the exponent.
    private static func parts(_ bytes: UnsafeRawBufferPointer) -> (mantissaEnd: Int, exponent: Int)? {
        var index = 0
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") { index = 1 }
        var digits = 0
        while index < bytes.count, isDigit(bytes[index]) {
            digits += 1
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, isDigit(bytes[index]) {
                digits += 1
                index += 1
            }
        }
        guard digits > 0 else { return nil }
        let mantissaEnd = index
        guard index < bytes.count else { return (mantissaEnd, 0) }
        guard bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") else { return nil }
        index += 1
        var sign = 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
        }
        guard let magnitude = integer(UnsafeRawBufferPointer(rebasing: bytes[index...])), magnitude < 10_000 else {
            return nil
        }
        return (mantissaEnd, sign * magnitude)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func ascii(_ bytes: UnsafeRawBufferPointer) -> String { String(decoding: bytes, as: UTF8.self) }
}
