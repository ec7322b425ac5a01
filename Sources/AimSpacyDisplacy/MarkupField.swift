/// A value written into a template's field.
protocol MarkupField {
    func write(to out: inout MarkupBuffer)
}

extension String: MarkupField {
    func write(to out: inout MarkupBuffer) { out.append(self) }
}

extension Int: MarkupField {
    func write(to out: inout MarkupBuffer) { out.append(self) }
}

extension PyNumber: MarkupField {
    func write(to out: inout MarkupBuffer) { out.append(self) }
}

extension MarkupBuffer: MarkupField {
    func write(to out: inout MarkupBuffer) { out.append(self) }
}

/// Doc text written raw or escaped: spaCy leaves tags, labels and titles raw, the safe mode escapes them.
struct DocText: MarkupField {
    let text: String
    let escaped: Bool

    init(_ text: String, escaped: Bool) {
        self.text = text
        self.escaped = escaped
    }

    func write(to out: inout MarkupBuffer) {
        if escaped { out.append(escapingHTML: text) } else { out.append(text) }
    }

    /// The text as written, for custom templates that format it further.
    var string: String {
        guard escaped else { return text }
        var out = MarkupBuffer()
        write(to: &out)
        return out.string
    }
}
