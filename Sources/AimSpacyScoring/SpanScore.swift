import AimSpacyModel

/// `Scorer.score_spans`: `{attr}_p/r/f` and `{attr}_per_type` over (label, start, end) of gold spans and predicted
/// spans aligned onto the gold tokens. Docs whose gold lacks the annotation are skipped; a prediction without it
/// predicts nothing.
struct SpanScore: ExampleScore {
    /// `sents` or `spans_{key}`.
    let attr: String
    let spans: @Sendable (Doc) -> [LabeledSpan]
    let hasAnnotation: @Sendable (Doc) -> Bool
    let allowOverlap: Bool
    var score = PRFScore()
    /// Per label, in the order labels were first seen (spaCy iterates a set here, so its own order varies by run).
    var perType: [(label: String, score: PRFScore)] = []
    var labelIndex: [String: Int] = [:]

    /// `sents`, as the parser and the senter score them.
    static let sentences = SpanScore(
        attr: "sents", spans: { $0.sentenceSpans }, hasAnnotation: { $0.has(.sentStart) }, allowOverlap: false)

    /// `spans_{key}`, as spancat (and the span ruler) score `doc.spans[key]`.
    static func group(_ key: String, allowOverlap: Bool) -> SpanScore {
        SpanScore(attr: "spans_\(key)", spans: { $0.groupSpans(key) }, hasAnnotation: { $0.spanGroup(named: key) != nil },
                  allowOverlap: allowOverlap)
    }

    init(attr: String, spans: @escaping @Sendable (Doc) -> [LabeledSpan], hasAnnotation: @escaping @Sendable (Doc) -> Bool,
         allowOverlap: Bool) {
        self.attr = attr
        self.spans = spans
        self.hasAnnotation = hasAnnotation
        self.allowOverlap = allowOverlap
    }

    private mutating func index(_ label: String) -> Int {
        if let i = labelIndex[label] { return i }
        perType.append((label, PRFScore()))
        labelIndex[label] = perType.count - 1
        return perType.count - 1
    }

    mutating func add(_ example: Example) {
        guard hasAnnotation(example.reference) else { return }
        let goldSpans = spans(example.reference)
        let predHasAnnotation = hasAnnotation(example.predicted)
        let predSpans = predHasAnnotation ? spans(example.predicted) : []
        var labels = Set<Int>()
        for span in goldSpans { labels.insert(index(span.label)) }
        for span in predSpans { labels.insert(index(span.label)) }
        let gold = Set(goldSpans)
        let pred = predHasAnnotation ? Set(example.alignedSpans(predSpans, allowOverlap: allowOverlap)) : []
        var perLabel: [Int: PRFScore] = [:]
        for span in pred {
            let i = labelIndex[span.label]!
            if gold.contains(span) { perLabel[i, default: PRFScore()].tp += 1 } else { perLabel[i, default: PRFScore()].fp += 1 }
        }
        for span in gold where !pred.contains(span) { perLabel[labelIndex[span.label]!, default: PRFScore()].fn += 1 }
        for (i, counts) in perLabel {
            perType[i].score += counts
            score += counts
        }
    }

    var scores: Scores {
        guard score.count > 0 else {
            return Scores([("\(attr)_p", .none), ("\(attr)_r", .none), ("\(attr)_f", .none), ("\(attr)_per_type", .none)])
        }
        return Scores([
            ("\(attr)_p", .number(score.precision)), ("\(attr)_r", .number(score.recall)), ("\(attr)_f", .number(score.fscore)),
            ("\(attr)_per_type", .object(perType.map { ($0.label, $0.score.dictionary) })),
        ])
    }
}
