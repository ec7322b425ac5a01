/// A plain-text table for terminals: left-aligned columns separated by two spaces, a header row;
/// cells come from data, so their control characters are escaped (`TerminalText`).
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: [String]) { self.header = header.map(TerminalText.escaped) }

    mutating func append(_ row: [String]) { rows.append(row.map(TerminalText.escaped)) }

    var text: String {
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for row in all {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        return all.map { row in
            var line = ""
            for (i, cell) in row.enumerated() {
                if i > 0 { line += "  " }
                line += i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }
            return line
        }.joined(separator: "\n") + "\n"
    }
}

/// Numbers in human-readable output: up to 4 decimals, no trailing zeros, `-` for none.
func formatScore(_ value: Double?) -> String {
    guard let value else { return "-" }
    if value.isNaN { return "NaN" }
    if value.rounded() == value && abs(value) < 1e12 { return String(Int(value)) }
    var text = String(format4(value))
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
}

private func format4(_ value: Double) -> String {
    let scaled = (value * 10000).rounded() / 10000
    let whole = Int(scaled.rounded(.towardZero))
    let fraction = Int((abs(scaled - Double(whole)) * 10000).rounded())
    let sign = value < 0 && whole == 0 ? "-" : ""
    let digits = String(fraction)
    return "\(sign)\(whole)." + String(repeating: "0", count: 4 - digits.count) + digits
}
