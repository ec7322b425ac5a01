import AimSpacyModel

/// Parser errors per gold dependency label, over the arcs `score_deps` scores (gold label present and not
/// punctuation, predicted token aligned to exactly one gold token): correct arcs, wrong heads (whatever the label),
/// right heads with wrong labels, and which labels were predicted instead.
public struct DependencyErrors: Sendable {
    public struct LabelCounts: Sendable, Equatable {
        public var arcs = 0
        public var correct = 0
        public var headErrors = 0
        public var labelErrors = 0

        /// Labelled attachment score of this label: correct arcs over gold arcs.
        public var las: Double { arcs == 0 ? 0 : Double(correct) / Double(arcs) }
    }

    /// Per gold label (lower-cased, as spaCy scores them).
    public var perLabel: [String: LabelCounts] = [:]
    /// (gold label, predicted label) where the head was right and the label wrong.
    public var confusedLabels: [ValuePair: Int] = [:]

    public init() {}

    /// Adds one doc; returns its number of head and label errors.
    mutating func add(_ example: Example) -> Int {
        let gold = example.reference.tokens
        let align = example.alignment
        var errors = 0
        for (i, token) in example.predicted.tokens.enumerated() where !PythonCase.isSpace(token.text) {
            guard align.length(i) == 1 else { continue }
            let g = align.first(i)
            guard g < gold.count else { continue }
            let label = PythonCase.lowerString(gold[g].dep)
            guard !label.isEmpty, !DependencyScore.ignoredLabels.contains(label) else { continue }
            let predictedLabel = PythonCase.lowerString(token.dep)
            let head = align.length(token.head) == 1 ? align.first(token.head) : -1
            var counts = perLabel[label, default: LabelCounts()]
            counts.arcs += 1
            if head != gold[g].head {
                counts.headErrors += 1
                errors += 1
            } else if predictedLabel != label {
                counts.labelErrors += 1
                confusedLabels[ValuePair(gold: label, predicted: predictedLabel), default: 0] += 1
                errors += 1
            } else {
                counts.correct += 1
            }
            perLabel[label] = counts
        }
        return errors
    }
}
