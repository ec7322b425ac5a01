extension LogRow {
    /// Appends the row as `log parse --json` writes it: `{"epoch", "step", "losses", "scores", "score"}`,
    /// numbers as `json.dumps` writes them.
    public func appendJSON(to out: inout [UInt8]) {
        out += #"{"epoch": "#.utf8
        out += String(epoch).utf8
        out += #", "step": "#.utf8
        out += String(step).utf8
        out += #", "losses": "#.utf8
        Self.appendJSON(losses, to: &out)
        out += #", "scores": "#.utf8
        Self.appendJSON(scores, to: &out)
        out += #", "score": "#.utf8
        score.appendValueRepr(to: &out)
        out.append(UInt8(ascii: "}"))
    }

    private static func appendJSON(_ values: [LoggedValue], to out: inout [UInt8]) {
        guard !values.isEmpty else {
            out += "{}".utf8
            return
        }
        out.append(UInt8(ascii: "{"))
        for (index, value) in values.enumerated() {
            if index > 0 { out += ", ".utf8 }
            JSONValue.writeString(value.name, to: &out)
            out += ": ".utf8
            value.appendValueRepr(to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}
