import AimSpacyModel

/// `Scorer.score_cats` as textcat (exclusive classes) and textcat_multilabel call it: micro and macro P/R/F over
/// the component's labels, ROC AUC per label where the gold values are binary, and `cats_score` chosen as spaCy
/// chooses it (F of `positive_label` for a binary exclusive task, macro F otherwise; macro AUC for multilabel).
struct CategoryScore: ExampleScore {
    let labels: [String]
    let multiLabel: Bool
    let positiveLabel: String?
    let threshold: Double
    var perType: [PRFScore]
    var auc: [ROCAUCScore]
    /// Set when a predicted doc has none of the labels while its gold doc has some: spaCy raises then.
    var unscorable: Int?
    private var seen = 0
    private let labelIndex: [String: Int]

    init(labels: [String], multiLabel: Bool, positiveLabel: String?, threshold: Double?) {
        self.labels = labels
        self.multiLabel = multiLabel
        self.positiveLabel = positiveLabel
        self.threshold = multiLabel ? (threshold ?? 0.5) : 0.0
        perType = Array(repeating: PRFScore(), count: labels.count)
        auc = Array(repeating: ROCAUCScore(), count: labels.count)
        var index: [String: Int] = [:]
        for (i, label) in labels.enumerated() where index[label] == nil { index[label] = i }
        labelIndex = index
    }

    /// The doc's categories restricted to the labels, in the doc's order; `nil` scores are gold `None`.
    private func cats(_ doc: Doc) -> [(label: Int, score: Double?)] {
        doc.cats.compactMap { cat in
            labelIndex[cat.label].map { ($0, cat.value == .null ? nil : cat.score) }
        }
    }

    mutating func add(_ example: Example) {
        defer { seen += 1 }
        let pred = cats(example.predicted)
        let gold = cats(example.reference)
        func value(_ list: [(label: Int, score: Double?)], _ label: Int) -> Double?? {
            list.last { $0.label == label }.map { $0.score }
        }
        for label in labelIndex.values {
            let predScore = (value(pred, label) ?? 0.0) ?? 0.0
            var goldScore: Double? = value(gold, label) ?? nil
            if !multiLabel && (goldScore ?? 0) == 0 { goldScore = 0.0 }
            if let goldScore { auc[label].add(candidate: predScore, gold: goldScore) }
        }
        if multiLabel {
            for label in labelIndex.values {
                let predScore = (value(pred, label) ?? 0.0) ?? 0.0
                guard let goldScore = value(gold, label) ?? nil else { continue }
                if predScore >= threshold && goldScore > 0 {
                    perType[label].tp += 1
                } else if predScore >= threshold && goldScore == 0 {
                    perType[label].fp += 1
                } else if predScore < threshold && goldScore > 0 {
                    perType[label].fn += 1
                }
            }
        } else if let predLabel = Self.argmax(pred), let goldLabel = Self.argmax(gold) {
            if predLabel == goldLabel {
                perType[predLabel].tp += 1
            } else {
                perType[goldLabel].fn += 1
                perType[predLabel].fp += 1
            }
        } else if !gold.isEmpty {
            unscorable = unscorable ?? seen
        } else if let predLabel = Self.argmax(pred) {
            perType[predLabel].fp += 1
        }
    }

    /// `max(cats.items(), key=score)`: the first of the highest.
    private static func argmax(_ list: [(label: Int, score: Double?)]) -> Int? {
        var best: (label: Int, score: Double)?
        for (label, score) in list {
            let s = score ?? -.infinity
            if best == nil || s > best!.score { best = (label, s) }
        }
        return best?.label
    }

    var scores: Scores {
        var micro = PRFScore()
        for prf in perType { micro += prf }
        let n = Double(labels.count) + 1e-100
        var sumP = 0.0, sumR = 0.0, sumF = 0.0, sumAUC = 0.0
        for prf in perType {
            sumP += prf.precision
            sumR += prf.recall
            sumF += prf.fscore
        }
        for a in auc { sumAUC += a.isBinary ? a.score : 0.0 }
        let macroF = sumF / n, macroAUC = sumAUC / n
        let score: (Double, String)
        if labels.count == 2 && !multiLabel, let positiveLabel, let i = labelIndex[positiveLabel] {
            score = (perType[i].fscore, "F (\(positiveLabel))")
        } else if !multiLabel {
            score = (macroF, "macro F")
        } else {
            score = (macroAUC, "macro AUC")
        }
        return Scores([
            ("cats_score", .number(score.0)), ("cats_score_desc", .text(score.1)),
            ("cats_micro_p", .number(micro.precision)), ("cats_micro_r", .number(micro.recall)),
            ("cats_micro_f", .number(micro.fscore)),
            ("cats_macro_p", .number(sumP / n)), ("cats_macro_r", .number(sumR / n)), ("cats_macro_f", .number(macroF)),
            ("cats_macro_auc", .number(macroAUC)),
            ("cats_f_per_type", .object(zip(labels, perType).map { ($0, $1.dictionary) })),
            ("cats_auc_per_type", .object(zip(labels, auc).map { ($0, $1.isBinary ? .number($1.score) : .none) })),
        ])
    }
}
