import AimSpacyModel
import Testing

@testable import AimSpacyDisplacy

/// The byte writer's numbers must print as Python's `str()`, which the geometry's coordinates go through.
struct MarkupBufferTests {
    private static func written(_ number: PyNumber) -> String {
        var out = MarkupBuffer()
        out.append(number)
        return out.string
    }

    @Test(arguments: [0, 1, -1, 9, 10, -10, 99, 100, 175, 12_345, Int.max, Int.min, Int.min + 1])
    func integersPrintAsPython(value: Int) {
        #expect(Self.written(.int(value)) == String(value))
    }

    @Test(arguments: [
        (87.5, "87.5"), (182.0, "182.0"), (-0.0, "-0.0"), (0.0, "0.0"), (0.0625, "0.0625"), (-3.25, "-3.25"),
        (100_000_000_000.5, "100000000000.5"), (1e12, "1000000000000.0"), (1e16, "1e+16"), (0.1, "0.1"),
        (1.0 / 3.0, "0.3333333333333333"), (Double.infinity, "inf"), (-Double.infinity, "-inf"), (Double.nan, "nan"),
    ])
    func floatsPrintAsPythonRepr(value: Double, python: String) {
        #expect(Self.written(.float(value)) == python)
    }

    /// Every sixteenth in a wide range, the values the fast path takes, against the general `repr`.
    @Test func sixteenthsMatchRepr() {
        for k in stride(from: -200_000, through: 200_000, by: 7) {
            let d = Double(k) / 16
            #expect(Self.written(.float(d)) == JSONValue.pythonRepr(d), "\(d)")
        }
        for e in 0..<40 {
            let d = Double(1 << e) + 0.5
            #expect(Self.written(.float(d)) == JSONValue.pythonRepr(d), "\(d)")
            #expect(Self.written(.float(-d)) == JSONValue.pythonRepr(-d), "\(-d)")
        }
    }

    @Test func escapesAsSpacy() {
        var out = MarkupBuffer()
        out.append(escapingHTML: "a<b>&\"c\"'é")
        #expect(out.string == "a&lt;b&gt;&amp;&quot;c&quot;'é")
    }
}
