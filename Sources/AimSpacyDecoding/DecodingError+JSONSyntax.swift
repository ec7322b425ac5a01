import AimSpacyModel

extension DecodingError {
    /// A JSON syntax error as a decoding error: `expected …` at its line and column. `line` replaces
    /// the error's own line when the JSON was one line of a larger file (a JSONL log).
    init(_ syntax: JSONSyntaxError, line: Int? = nil) {
        self.init(location: .text(line: line ?? syntax.line, column: syntax.column), message: "expected \(syntax.expected)")
    }
}
