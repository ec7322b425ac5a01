import AimSpacyDecoding
import AimSpacyDisplacy
import AimSpacyModel
import AimSpacyReport
import AimSpacyScoring

/// Each doc of a prediction set for the Errors pages, worst first: what kinds of error it has and under which
/// labels (from the doc's own error analysis), and its gold and predicted displaCy renders per style, with missed
/// spans marked in the gold render and the other wrong spans in the predicted one.
public enum ErrorDocs {
    /// At most this many docs of a prediction set are rendered (two renders per style each): enough to page through
    /// the worst, while a 20,000-doc corpus does not turn into gigabytes of pages.
    public static let renderLimit = 1_000

    /// The `limit` worst pairs (most errors, then corpus order), kept while the error analysis walks the DocBins
    /// once, so the docs to render need not be decoded again.
    struct Worst {
        let limit: Int
        private(set) var kept: [(errors: Int, index: Int, example: Example)] = []

        init(limit: Int) { self.limit = limit }

        /// Pairs come in corpus order, so among equals the one kept first stays ahead.
        mutating func offer(index: Int, example: Example, errors: Int) {
            if kept.count == limit, kept.last.map({ $0.errors >= errors }) ?? true { return }
            let at = kept.firstIndex { $0.errors < errors } ?? kept.count
            kept.insert((errors, index, example), at: at)
            if kept.count > limit { kept.removeLast() }
        }
    }

    /// The kept pairs with their renders, worst first.
    static func docs(_ worst: Worst, pipeline: ScoringPipeline, lang: String) throws -> [ErrorDoc] {
        try worst.kept.map { errors, index, example in
            var single = ErrorAnalysis(pipeline: pipeline)
            single.add(example)
            return try doc(index: index, errors: errors, gold: example.reference, predicted: example.predicted, analysis: single, lang: lang)
        }
    }

    static func doc(index: Int, errors: Int, gold: Doc, predicted: Doc, analysis: ErrorAnalysis, lang: String) throws -> ErrorDoc {
        var labels: [String] = []
        var kinds: [String] = []
        func note(kind: String, label: String?) {
            if !kinds.contains(kind) { kinds.append(kind) }
            if let label, !labels.contains(label) { labels.append(label) }
        }
        var renders: [ErrorRender] = []
        for spans in analysis.spans {
            let wrong = spans.outcomes.filter { $0.kind != .correct }
            for o in wrong { note(kind: o.kind.rawValue, label: o.label) }
            if spans.attr == "ents" {
                let goldMarkup = try Displacy.render([gold], style: .ent, lang: lang)
                let predictedMarkup = try Displacy.render([predicted], style: .ent, lang: lang)
                renders.append(ErrorRender(
                    style: "ent", title: "entities",
                    gold: DisplacyMarks.markEntities(goldMarkup, entityMarks(wrong, gold: gold, marked: gold, missed: true)),
                    predicted: DisplacyMarks.markEntities(predictedMarkup, entityMarks(wrong, gold: gold, marked: predicted, missed: false))))
            } else {
                let key = String(spans.attr.dropFirst("spans_".count))
                let options = DisplacyOptions([(key: "spans_key", value: .string(key))])
                let goldMarkup = try Displacy.render([gold], style: .span, lang: lang, options: options)
                let predictedMarkup = try Displacy.render([predicted], style: .span, lang: lang, options: options)
                renders.append(ErrorRender(
                    style: "span", title: "span group \(key)",
                    gold: DisplacyMarks.markSpanTokens(goldMarkup, spanMarks(wrong, key: key, gold: gold, marked: gold, missed: true)),
                    predicted: DisplacyMarks.markSpanTokens(predictedMarkup, spanMarks(wrong, key: key, gold: gold, marked: predicted, missed: false))))
            }
        }
        for tokens in analysis.tokens where tokens.pairs.contains(where: { $0.key.gold != $0.key.predicted }) {
            note(kind: "token", label: nil)
        }
        if let deps = analysis.dependencies {
            if deps.perLabel.values.contains(where: { $0.headErrors + $0.labelErrors > 0 }) { note(kind: "dep", label: nil) }
            renders.append(ErrorRender(
                style: "dep", title: "dependencies",
                gold: try Displacy.render([gold], style: .dep, lang: lang),
                predicted: try Displacy.render([predicted], style: .dep, lang: lang)))
        }
        if let cats = analysis.categories {
            for cell in cats.cells.keys where cell.gold != cell.predicted {
                note(kind: "cats", label: cell.gold ?? cell.predicted)
                if let p = cell.predicted { note(kind: "cats", label: p) }
            }
        }
        return ErrorDoc(index: index, errors: errors, labels: labels, kinds: kinds, renders: renders)
    }

    /// Character offsets of gold tokens `range` (both docs have the same text).
    private static func chars(_ range: Range<Int>, in gold: Doc) -> (Int, Int)? {
        guard range.lowerBound < range.upperBound, range.upperBound <= gold.tokens.count else { return nil }
        let last = gold.tokens[range.upperBound - 1]
        return (gold.tokens[range.lowerBound].idx, last.idx + last.text.unicodeScalars.count)
    }

    /// The marker words of a wrong span.
    private static func text(_ o: SpanOutcome) -> String {
        switch o.kind {
        case .missed: "missed \(o.gold?.label ?? "")"
        case .spurious: "spurious \(o.predicted?.label ?? "")"
        case .wrongLabel: "wrong label: gold \(o.gold?.label ?? "")"
        case .wrongBoundary: "wrong boundary: \(o.gold?.label ?? "")"
        case .wrongLabelAndBoundary: "wrong label and boundary: gold \(o.gold?.label ?? "")"
        case .correct: "correct"
        }
    }

    /// Marks on the ents of `marked`: in the gold render the missed gold spans, in the predicted render every other
    /// wrong prediction, found by character offsets.
    private static func entityMarks(_ wrong: [SpanOutcome], gold: Doc, marked: Doc, missed: Bool) -> [DisplacyMarks.Mark] {
        wrong.compactMap { o -> DisplacyMarks.Mark? in
            guard (o.kind == .missed) == missed, let span = missed ? o.gold?.tokens : o.predicted?.tokens,
                  let (start, end) = chars(span, in: gold) else { return nil }
            guard let ordinal = marked.ents.firstIndex(where: { $0.startChar == start && $0.endChar == end }) else { return nil }
            return DisplacyMarks.Mark(ordinal: ordinal, kind: o.kind.rawValue, text: text(o))
        }
    }

    /// Marks on the first token of each wrong span of group `key` in `marked`, counted as displaCy counts the
    /// tokens it draws a span under (covered by a span of the group, not blank).
    private static func spanMarks(_ wrong: [SpanOutcome], key: String, gold: Doc, marked: Doc, missed: Bool) -> [DisplacyMarks.Mark] {
        let spans = marked.spanGroup(named: key)?.spans ?? []
        var drawn: [Int] = []
        for (t, token) in marked.tokens.enumerated() where !token.text.allSatisfy(\.isWhitespace) {
            if spans.contains(where: { $0.start <= t && t < $0.end }) { drawn.append(t) }
        }
        return wrong.compactMap { o -> DisplacyMarks.Mark? in
            guard (o.kind == .missed) == missed, let span = missed ? o.gold?.tokens : o.predicted?.tokens,
                  let (start, _) = chars(span, in: gold) else { return nil }
            guard let token = marked.tokens.firstIndex(where: { $0.idx == start }), let ordinal = drawn.firstIndex(of: token) else { return nil }
            return DisplacyMarks.Mark(ordinal: ordinal, kind: o.kind.rawValue, text: text(o))
        }
    }
}
