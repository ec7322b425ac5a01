/// A decimal of at most 15 significant digits, read from its text without going through `Double`.
/// Any such decimal is the shortest text of its nearest double, so Python's `repr` of that double is
/// this decimal's digits, and the nearest double is one exact multiplication or division (Clinger's
/// fast path). spaCy's loggers print values this short; longer ones take the general path.
public struct ShortDecimal: Sendable, Equatable {
    public var negative: Bool
    /// The digits without leading or trailing zeros; 0 for zero.
    public var significand: UInt64
    /// The value is `significand` × 10^`exponent`.
    public var exponent: Int

    /// At most 15 significant digits: every such decimal survives the trip through a double.
    public static let maximumDigits = 15

    public init(negative: Bool, significand: UInt64, exponent: Int) {
        self.negative = negative
        self.significand = significand
        self.exponent = exponent
    }

    /// Reads `-?digits[.digits]` (JSON's number without exponent, or a `{:.2f}` cell); `nil` for
    /// anything else (exponents, `nan`, a leading `+` or leading zeros), for more than 15 significant
    /// digits and for more than 19 digits from the first non-zero one.
    public init?(_ bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        let negative = count > 0 && bytes[0] == UInt8(ascii: "-")
        var index = negative ? 1 : 0
        var value: UInt64 = 0
        // Digits from the first non-zero one on; past 19 the value could overflow.
        var significant = 0
        let integerStart = index
        while index < count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            if value != 0 || digit != 0 { significant += 1 }
            value = value &* 10 &+ UInt64(digit)
            index += 1
        }
        let integerDigits = index - integerStart
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { return nil }
        var fractionDigits = 0
        if index < count {
            guard bytes[index] == UInt8(ascii: ".") else { return nil }
            index += 1
            let fractionStart = index
            while index < count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                if value != 0 || digit != 0 { significant += 1 }
                value = value &* 10 &+ UInt64(digit)
                index += 1
            }
            fractionDigits = index - fractionStart
            guard fractionDigits > 0 else { return nil }
        }
        guard significant <= 19 else { return nil }
        var exponent = -fractionDigits
        if value == 0 {
            exponent = 0
        } else {
            while value % 10 == 0 {
                value /= 10
                exponent += 1
            }
            guard value < 1_000_000_000_000_000 else { return nil }
        }
        self.init(negative: negative, significand: value, exponent: exponent)
    }

    /// The same decimal times 10^`shift` (spaCy's scores are logged ×100).
    public func scaled(by shift: Int) -> ShortDecimal {
        ShortDecimal(negative: negative, significand: significand, exponent: significand == 0 ? 0 : exponent + shift)
    }

    /// The double nearest to the decimal, or `nil` when one exact operation cannot give it (the
    /// power of ten is past 10^22).
    public var double: Double? {
        guard exponent >= -22, exponent <= 22 else { return nil }
        let magnitude = exponent < 0
            ? Double(significand) / Self.powers[-exponent] : Double(significand) * Self.powers[exponent]
        return negative ? -magnitude : magnitude
    }

    /// Whether `repr` writes the decimal without an exponent (its first digit's power of ten in -4..<16).
    public var isPositionalInRepr: Bool {
        var digits = 1
        var rest = significand / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let first = digits - 1 + exponent
        return first >= -4 && first < 16
    }

    private static let powers: [Double] = (0...22).map { power in
        var value = 1.0
        for _ in 0..<power { value *= 10 }
        return value
    }

    /// Python's `repr` of the decimal's double (as `json.dumps` writes floats): positional when the
    /// first digit's power of ten is in -4..<16, else `d.ddde±XX`.
    public func appendPythonRepr(to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            let length = writePythonRepr(into: buffer)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<length]))
        }
    }

    /// `appendPythonRepr` as a string (a small one, stored inline, for up to 15 bytes).
    public var pythonRepr: String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[..<writePythonRepr(into: buffer)]), as: UTF8.self)
        }
    }

    /// Bytes written one after the other into a buffer large enough for them.
    private struct Writer {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        @inline(__always)
        mutating func put(_ byte: UInt8) {
            buffer[count] = byte
            count += 1
        }
    }

    /// Writes the repr into `buffer` (32 bytes hold any) and returns its length.
    private func writePythonRepr(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var out = Writer(buffer: buffer)
        if negative { out.put(UInt8(ascii: "-")) }
        if significand == 0 {
            out.put(UInt8(ascii: "0"))
            out.put(UInt8(ascii: "."))
            out.put(UInt8(ascii: "0"))
            return out.count
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { space in
            var position = space.count
            var rest = significand
            while rest > 0 {
                position -= 1
                space[position] = UInt8(rest % 10) + UInt8(ascii: "0")
                rest /= 10
            }
            writeDigits(UnsafeBufferPointer(rebasing: space[position...]), to: &out)
            return out.count
        }
    }

    /// The digits laid out as `repr` does.
    private func writeDigits(_ digits: UnsafeBufferPointer<UInt8>, to out: inout Writer) {
        let count = digits.count
        let first = count - 1 + exponent
        if first < -4 || first >= 16 {
            out.put(digits[0])
            if count > 1 {
                out.put(UInt8(ascii: "."))
                for digit in digits[1...] { out.put(digit) }
            }
            out.put(UInt8(ascii: "e"))
            out.put(first < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let magnitude = abs(first)
            if magnitude >= 100 { out.put(UInt8(magnitude / 100) + UInt8(ascii: "0")) }
            out.put(UInt8(magnitude / 10 % 10) + UInt8(ascii: "0"))
            out.put(UInt8(magnitude % 10) + UInt8(ascii: "0"))
        } else if first < 0 {
            out.put(UInt8(ascii: "0"))
            out.put(UInt8(ascii: "."))
            for _ in 0..<(-first - 1) { out.put(UInt8(ascii: "0")) }
            for digit in digits { out.put(digit) }
        } else {
            let integerCount = first + 1
            for index in 0..<integerCount { out.put(index < count ? digits[index] : UInt8(ascii: "0")) }
            out.put(UInt8(ascii: "."))
            if count > integerCount {
                for digit in digits[integerCount...] { out.put(digit) }
            } else {
                out.put(UInt8(ascii: "0"))
            }
        }
    }
}
