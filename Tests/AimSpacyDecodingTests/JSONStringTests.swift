import AimSpacyModel
import Testing

/// JSON string literals as `json.dumps(s, ensure_ascii=False)` writes them; the run-copying writer
/// must agree with a plain per-character reference at every length.
struct JSONStringTests {
    private static func reference(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func written(_ s: String) -> String {
        var bytes: [UInt8] = []
        JSONValue.writeString(s, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: [
        ("", #""""#), ("plain", #""plain""#), ("a\"b", #""a\"b""#), ("back\\slash", #""back\\slash""#),
        ("\n<svg>\n", #""\n<svg>\n""#), ("\u{1}\u{1f}\u{7f}", "\"\\u0001\\u001f\u{7f}\""),
        ("tab\tcr\rff\u{c}bs\u{8}", #""tab\tcr\rff\fbs\b""#), ("é\u{2028}👍", "\"é\u{2028}👍\""),
    ])
    func matchesPython(text: String, python: String) {
        #expect(Self.written(text) == python)
    }

    /// `json.dumps(s)` with Python's default `ensure_ascii=True`.
    @Test func ensureASCIIMatchesPython() {
        let value = JSONValue.array([.string("\u{7f}é😀\u{1}\"\\"), .object([("ключ", .int(1))])])
        #expect(value.serialized(ensureASCII: true) == #"["\u007f\u00e9\ud83d\ude00\u0001\"\\", {"\u043a\u043b\u044e\u0447": 1}]"#)
    }

    /// Every length up to 40 over an alphabet of plain, escaped and multi-byte characters, so each
    /// special lands at every position of an 8-byte word and in the tail.
    @Test func agreesWithReferenceAtEveryLength() {
        let alphabet: [Unicode.Scalar] = ["a", "\"", "\\", "\n", "\u{1}", "\u{1f}", " ", "\u{c}", "é", "€", "<"]
        var generator = SystemRandomNumberGenerator()
        for length in 0...40 {
            for _ in 0..<40 {
                var s = String.UnicodeScalarView()
                for _ in 0..<length { s.append(alphabet.randomElement(using: &generator)!) }
                let text = String(s)
                let got = Self.written(text)
                #expect(got == Self.reference(text), "\(Array(text.utf8))")
            }
        }
    }
}

/// `json.loads` on repeated keys: the key keeps its first place and takes the last value, in small
/// objects (scanned) and large ones (indexed) alike.
struct JSONRepeatedKeyTests {
    @Test(arguments: [3, 15, 16, 17, 40])
    func lastValueWinsAtTheFirstPlace(members: Int) throws {
        let keys = (0..<members).map { "k\($0)" }
        let text = "{" + (keys.map { "\"\($0)\": 1" } + ["\"k0\": 2", "\"k\(members - 1)\": 3", "\"new\": 4"])
            .joined(separator: ", ") + "}"
        guard case .object(let parsed) = try JSONValue.parse(text) else {
            Issue.record("not an object")
            return
        }
        #expect(parsed.map(\.key) == keys + ["new"])
        #expect(parsed.first?.value == .int(2))
        #expect(parsed[members - 1].value == .int(members == 1 ? 2 : 3))
        #expect(parsed.last?.value == .int(4))
    }
}

/// `\u` escapes as `json.loads` reads them: surrogate pairs joined, a lone surrogate kept as U+FFFD
/// (a Swift string cannot hold it), bad hex digits an error at the escape.
struct JSONUnicodeEscapeTests {
    @Test func pairsJoinAndLoneSurrogatesBecomeReplacement() throws {
        #expect(try JSONValue.parse(#""\ud83d\ude00 \u00e9\ud800x \udc00""#) == .string("😀 é\u{FFFD}x \u{FFFD}"))
    }

    @Test func badHexIsLocated() {
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(#""ab\u12G4""#) }
        do {
            _ = try JSONValue.parse(#""ab\u12G4""#)
        } catch {
            #expect(error.column == 6)
        }
    }
}
