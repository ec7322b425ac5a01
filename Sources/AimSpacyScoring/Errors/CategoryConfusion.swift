import AimSpacyModel

/// Exclusive classes: gold class × predicted class (each doc's highest-scoring label, as `score_cats` picks it).
/// Multilabel: the threshold used, with the per-label P/R/F `score_cats` reports at it.
public struct CategoryConfusion: Sendable {
    public var labels: [String]
    public var multiLabel: Bool
    /// The cut-off a multilabel score uses (0.0, i.e. the highest label, for exclusive classes).
    public var threshold: Double
    public var cells: [ConfusionCell: Int] = [:]

    init(labels: [String], multiLabel: Bool, threshold: Double?) {
        self.labels = labels
        self.multiLabel = multiLabel
        self.threshold = multiLabel ? (threshold ?? 0.5) : 0.0
    }

    /// Adds one doc; returns 1 if its class (or any label at the threshold) was wrong.
    mutating func add(_ example: Example) -> Int {
        func scores(_ doc: Doc) -> [(String, Double)] { doc.cats.filter { labels.contains($0.label) }.map { ($0.label, $0.score) } }
        let gold = scores(example.reference), pred = scores(example.predicted)
        if multiLabel {
            var wrong = 0
            for (label, g) in gold {
                let p = pred.first { $0.0 == label }?.1 ?? 0
                let goldOn = g > 0, predOn = p >= threshold
                cells[ConfusionCell(gold: goldOn ? label : nil, predicted: predOn ? label : nil), default: 0] += 1
                if goldOn != predOn { wrong = 1 }
            }
            return wrong
        }
        func top(_ list: [(String, Double)]) -> String? {
            var best: (String, Double)?
            for item in list where best == nil || item.1 > best!.1 { best = item }
            return best?.0
        }
        let g = top(gold), p = top(pred)
        guard g != nil || p != nil else { return 0 }
        cells[ConfusionCell(gold: g, predicted: p), default: 0] += 1
        return g == p ? 0 : 1
    }
}
