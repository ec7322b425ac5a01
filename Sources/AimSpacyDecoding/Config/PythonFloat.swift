/// Python's `repr(float)`: the shortest round-trip digits (as Swift finds them), written
/// positionally when the decimal exponent is in -4..<16 and as `d.ddde±XX` otherwise. Swift's own
/// `description` switches to exponents at 2^53 instead, so it cannot be used as is.
enum PythonFloat {
    static func repr(_ d: Double) -> String {
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
}
