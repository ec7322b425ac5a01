import AimSpacyModel

/// A predicted doc and its gold doc (`Example(predicted, reference)`), with the alignment of their tokens.
public struct Example: Sendable {
    public var predicted: Doc
    public var reference: Doc
    /// `example.alignment.x2y`: predicted token → gold tokens.
    var alignment: Alignment

    /// Pairs two docs; `nil` where spaCy's alignment raises (texts differ in more than whitespace and case).
    public init?(predicted: Doc, reference: Doc) {
        guard let alignment = Alignment.align(predicted.tokens.map(\.text), reference.tokens.map(\.text)) else { return nil }
        self.predicted = predicted
        self.reference = reference
        self.alignment = alignment
    }

    /// `example.get_aligned_spans_x2y(spans, allow_overlap)`: predicted spans moved onto gold tokens, kept only where
    /// the gold tokens cover the same text (compared lower-cased, without spaces).
    func alignedSpans(_ spans: [LabeledSpan], allowOverlap: Bool) -> [LabeledSpan] {
        var seen = Set<Int32>()
        var output: [LabeledSpan] = []
        if alignment.isIdentity && allowOverlap { return spans.filter { $0.start < $0.end && $0.end <= reference.tokens.count } }
        for span in spans {
            var indices = Array(alignment.indices(span.start..<span.end))
            let count = indices.count
            if !allowOverlap { indices.removeAll { seen.contains($0) } }
            if alignment.isIdentity && indices.count == count && count > 0 {
                // Same tokens on both sides: the aligned span is the span, its text the same.
                output.append(span)
                seen.formUnion(indices)
                continue
            }
            guard let first = indices.first, let last = indices.last else { continue }
            let aligned = LabeledSpan(label: span.label, start: Int(first), end: Int(last) + 1)
            let target = PythonCase.squeezed(predicted.spanText(span.start..<span.end))
            let ours = PythonCase.squeezed(reference.spanText(aligned.start..<aligned.end))
            if ours == target {
                output.append(aligned)
                seen.formUnion(indices)
            }
        }
        return output
    }
}

/// A span as the scorer keys it: label and token range.
struct LabeledSpan: Hashable, Sendable {
    var label: String
    var start: Int
    var end: Int
}

extension Doc {
    /// `span.text`: the tokens' text with the whitespace between them, not after the last.
    func spanText(_ range: Range<Int>) -> String {
        guard range.lowerBound >= 0, range.upperBound <= tokens.count, !range.isEmpty else { return "" }
        var out = ""
        for i in range {
            out += tokens[i].text
            if i != range.upperBound - 1 && tokens[i].whitespace { out += " " }
        }
        return out
    }

    func has(_ attribute: TokenAttribute) -> Bool { annotated.contains(attribute) }

    /// `doc.ents` as labeled spans.
    var entitySpans: [LabeledSpan] { ents.map { LabeledSpan(label: $0.label, start: $0.start, end: $0.end) } }

    /// `doc.sents` as spans labeled `""`, or `[]` without sentence annotation.
    var sentenceSpans: [LabeledSpan] { (sents ?? []).map { LabeledSpan(label: "", start: $0.lowerBound, end: $0.upperBound) } }

    /// `doc.spans.get(key, [])` as labeled spans.
    func groupSpans(_ key: String) -> [LabeledSpan] {
        spanGroup(named: key)?.spans.map { LabeledSpan(label: $0.label, start: $0.start, end: $0.end) } ?? []
    }
}
