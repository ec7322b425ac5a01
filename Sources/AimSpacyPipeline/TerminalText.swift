/// Text from data (run names, tags, labels, paths, error messages) made safe to print on a terminal:
/// a control character could clear the screen, move the cursor or set the window title. C0 controls
/// but tab and newline, and DEL, become `\xNN` (ESC is `\x1b`, so an escape sequence prints as
/// text); C1 controls become `\u{NN}` (`\u{9b}`, the one-character CSI). JSON output needs none of
/// this: its strings escape control characters already.
public enum TerminalText {
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                out.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16)
            let digits = hex.count < 2 ? "0" + hex : hex
            out.append(contentsOf: (scalar.value < 0x80 ? "\\x\(digits)" : "\\u{\(digits)}").unicodeScalars)
        }
        return String(out)
    }

    /// C0 but `\t` and `\n`, DEL and C1.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x09 && value != 0x0a) || (0x7f...0x9f).contains(value)
    }
}
