import AimSpacyModel
import Testing

@testable import AimSpacyDisplacy

/// Stripping JSON-escaped text must equal escaping the stripped text, whatever backslashes,
/// escaped controls and non-ASCII spaces sit at the ends.
struct JSONEscapedWhitespaceTests {
    private static func escaped(_ text: String) -> [UInt8] {
        var literal: [UInt8] = []
        JSONValue.writeString(text, to: &literal)
        return Array(literal.dropFirst().dropLast())
    }

    private static func stripped(_ text: String) -> [UInt8] {
        let bytes = escaped(text)
        return Array(bytes[JSONEscapedWhitespace.strip(bytes)])
    }

    @Test(arguments: [
        "\n<svg>\n", "  a  ", "\\n", "a\\\\", "a\\\n", "\\\\\n", "\u{b}x\u{1c}", "\u{8}x\u{8}", "\u{a0}é\u{3000}",
        "\\u001c", "x\\\\u001c", "\t\r\u{c}\u{1f}", "", " ", "\n\n",
    ])
    func matchesPythonStrip(text: String) {
        #expect(Self.stripped(text) == Self.escaped(PythonWhitespace.strip(text)), "\(Array(text.utf8))")
    }

    @Test func randomEndsMatchPythonStrip() {
        let alphabet: [String] = ["a", "\\", "n", "u", "0", "1", "c", " ", "\n", "\t", "\u{b}", "\u{1c}", "\u{8}", "\u{a0}", "\u{2028}", "\""]
        var generator = SystemRandomNumberGenerator()
        for length in 0...12 {
            for _ in 0..<300 {
                let text = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
                #expect(Self.stripped(text) == Self.escaped(PythonWhitespace.strip(text)), "\(Array(text.utf8))")
            }
        }
    }
}
