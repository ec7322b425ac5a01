import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// `ShortDecimal` against the general paths it stands in for: `Double(String)` (strtod, correctly
/// rounded) for the value, and `JSONValue.pythonRepr` (checked against Python in ConfigFloatTests)
/// for the text.
@Suite struct ShortDecimalTests {
    static func decimal(_ text: String) -> ShortDecimal? {
        var copy = text
        return copy.withUTF8 { ShortDecimal(UnsafeRawBufferPointer($0)) }
    }

    /// Random decimals as loggers print them: up to 15 significant digits, leading and trailing zeros.
    static func randomDecimal(_ random: inout SplitMix64) -> String {
        let integerDigits = Int(random.next() % 8)
        let fractionDigits = Int(random.next() % 12)
        var text = random.next() % 4 == 0 ? "-" : ""
        if integerDigits == 0 {
            text += "0"
        } else {
            text += String(1 + random.next() % 9)
            for _ in 1..<integerDigits { text += String(random.next() % 10) }
        }
        if fractionDigits > 0 || random.next() % 2 == 0 {
            text += "."
            for _ in 0..<max(1, fractionDigits) { text += random.next() % 3 == 0 ? "0" : String(random.next() % 10) }
        }
        return text
    }

    @Test func valuesAndReprsAgreeWithTheGeneralPath() throws {
        var random = SplitMix64(seed: 20_261_206)
        var checked = 0
        for _ in 0..<20_000 {
            let text = Self.randomDecimal(&random)
            guard let decimal = Self.decimal(text) else {
                let significant = text.filter(\.isNumber).drop { $0 == "0" }
                #expect(significant.reversed().drop { $0 == "0" }.count > ShortDecimal.maximumDigits, "\(text)")
                continue
            }
            let parsed = try #require(Double(text))
            #expect(decimal.double?.bitPattern == parsed.bitPattern, "\(text)")
            #expect(decimal.pythonRepr == JSONValue.pythonRepr(parsed), "\(text)")
            for shift in [-2, 2] {
                let scaled = decimal.scaled(by: shift)
                let expected = try #require(Double(text + "e\(shift)"))
                #expect(scaled.double?.bitPattern == expected.bitPattern, "\(text)e\(shift)")
                #expect(scaled.pythonRepr == JSONValue.pythonRepr(expected), "\(text)e\(shift)")
            }
            checked += 1
        }
        #expect(checked > 15_000)
    }

    @Test(arguments: ["", "-", ".", "1.", ".5", "01", "-01.5", "1e5", "+1", "nan", "1.2.3", "1-2", "1234567890123456"])
    func otherTextIsLeftToTheGeneralPath(text: String) {
        #expect(Self.decimal(text) == nil)
    }

    @Test(arguments: [("0.0", "0.0"), ("-0.00", "-0.0"), ("100", "100.0"), ("0.00001", "1e-05"), ("1234567890123450000", "1.23456789012345e+18")])
    func edgesOfRepr(text: String, repr: String) throws {
        #expect(try #require(Self.decimal(text)).pythonRepr == repr)
        #expect(repr == JSONValue.pythonRepr(try #require(Double(text))))
    }
}
