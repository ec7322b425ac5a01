import AimSpacyModel

/// One classified span: the predicted span (on gold tokens) and the gold span it was judged against.
public struct SpanOutcome: Sendable, Equatable {
    public var doc: Int
    public var kind: SpanErrorKind
    /// Gold label and tokens; `nil` for spurious predictions.
    public var gold: (label: String, tokens: Range<Int>)?
    /// Predicted label and tokens, aligned onto the gold doc; `nil` for missed gold spans.
    public var predicted: (label: String, tokens: Range<Int>)?
    /// The text of the predicted span, or of the gold span when nothing was predicted.
    public var text: String

    public static func == (lhs: SpanOutcome, rhs: SpanOutcome) -> Bool {
        lhs.doc == rhs.doc && lhs.kind == rhs.kind && lhs.text == rhs.text
            && lhs.gold?.label == rhs.gold?.label && lhs.gold?.tokens == rhs.gold?.tokens
            && lhs.predicted?.label == rhs.predicted?.label && lhs.predicted?.tokens == rhs.predicted?.tokens
    }

    /// The label the error is counted under: the gold label where there is one.
    public var label: String { gold?.label ?? predicted?.label ?? "" }
}

/// Classifies spans of one doc. Each distinct predicted span (spaCy scores sets) is judged against the gold span it
/// matches best — same tokens and label, then same tokens, then overlapping with the same label, then the largest
/// overlap; gold spans that no prediction overlaps are missed. So `correct` per label is spaCy's true positives.
enum SpanClassifier {
    static func classify(gold: [LabeledSpan], predicted: [LabeledSpan], doc: Int, text: (Range<Int>) -> String) -> [SpanOutcome] {
        var outcomes: [SpanOutcome] = []
        var seen = Set<LabeledSpan>()
        var touched = Set<LabeledSpan>()
        let golds = unique(gold)
        for p in predicted where seen.insert(p).inserted {
            let overlapping = golds.filter { $0.start < p.end && p.start < $0.end }
            let best = overlapping.min { rank($0, p) < rank($1, p) }
            let kind: SpanErrorKind
            if let g = best {
                touched.formUnion(overlapping)
                let sameTokens = g.start == p.start && g.end == p.end
                switch (sameTokens, g.label == p.label) {
                case (true, true): kind = .correct
                case (true, false): kind = .wrongLabel
                case (false, true): kind = .wrongBoundary
                case (false, false): kind = .wrongLabelAndBoundary
                }
            } else {
                kind = .spurious
            }
            outcomes.append(SpanOutcome(
                doc: doc, kind: kind, gold: best.map { ($0.label, $0.start..<$0.end) }, predicted: (p.label, p.start..<p.end),
                text: text(p.start..<p.end)))
        }
        for g in golds where !touched.contains(g) {
            outcomes.append(SpanOutcome(doc: doc, kind: .missed, gold: (g.label, g.start..<g.end), predicted: nil, text: text(g.start..<g.end)))
        }
        return outcomes
    }

    private static func unique(_ spans: [LabeledSpan]) -> [LabeledSpan] {
        var seen = Set<LabeledSpan>()
        return spans.filter { seen.insert($0).inserted }
    }

    /// Lower is better: exact match, same tokens, same label, then more shared tokens, then earlier.
    private static func rank(_ g: LabeledSpan, _ p: LabeledSpan) -> (Int, Int, Int) {
        let sameTokens = g.start == p.start && g.end == p.end
        let tier = sameTokens ? (g.label == p.label ? 0 : 1) : (g.label == p.label ? 2 : 3)
        let shared = min(g.end, p.end) - max(g.start, p.start)
        return (tier, -shared, g.start)
    }
}

/// The classified spans of one span kind (entities, or one span group) over a corpus, with the summaries the report
/// shows: counts per label and kind, the gold × predicted confusion, and the most frequent error texts.
public struct SpanErrors: Sendable {
    /// `ents` or `spans_{key}`, as in the score names.
    public var attr: String
    public var outcomes: [SpanOutcome] = []
    /// Distinct gold spans per label in the docs scored (the support of each label).
    public var goldCounts: [String: Int] = [:]

    public init(attr: String) { self.attr = attr }

    mutating func add(_ outcomes: [SpanOutcome], gold: [LabeledSpan]) {
        self.outcomes += outcomes
        for span in Set(gold) { goldCounts[span.label, default: 0] += 1 }
    }

    /// Counts per label (the gold label where there is one) and kind.
    public var counts: [String: [SpanErrorKind: Int]] {
        var out: [String: [SpanErrorKind: Int]] = [:]
        for o in outcomes { out[o.label, default: [:]][o.kind, default: 0] += 1 }
        return out
    }

    /// Gold label × predicted label; `nil` gold is a spurious prediction, `nil` predicted a missed gold span.
    public var confusion: [ConfusionCell] {
        var cells: [ConfusionCell: Int] = [:]
        for o in outcomes { cells[ConfusionCell(gold: o.gold?.label, predicted: o.predicted?.label), default: 0] += 1 }
        return cells.map { cell, n in
            var c = cell
            c.count = n
            return c
        }.sorted { ($0.gold ?? "\u{10FFFF}", $0.predicted ?? "\u{10FFFF}") < ($1.gold ?? "\u{10FFFF}", $1.predicted ?? "\u{10FFFF}") }
    }

    /// The `limit` most frequent (kind, text) errors per label, most frequent first, ties by kind then text.
    public func frequentErrors(limit: Int = 10) -> [String: [(kind: SpanErrorKind, text: String, count: Int)]] {
        var tally: [String: [ErrorText: Int]] = [:]
        for o in outcomes where o.kind != .correct { tally[o.label, default: [:]][ErrorText(kind: o.kind, text: o.text), default: 0] += 1 }
        return tally.mapValues { texts in
            texts.sorted { ($1.value, $0.key.kind, $0.key.text) < ($0.value, $1.key.kind, $1.key.text) }
                .prefix(limit).map { ($0.key.kind, $0.key.text, $0.value) }
        }
    }

    struct ErrorText: Hashable {
        var kind: SpanErrorKind
        var text: String
    }
}

/// One cell of a confusion matrix.
public struct ConfusionCell: Sendable, Hashable {
    public var gold: String?
    public var predicted: String?
    public var count = 0

    public static func == (lhs: ConfusionCell, rhs: ConfusionCell) -> Bool { lhs.gold == rhs.gold && lhs.predicted == rhs.predicted }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(gold)
        hasher.combine(predicted)
    }
}
