import AimSpacyModel

/// What a pipeline gets wrong on paired docs, under the same rules as its scores: entity and span-group errors
/// classified span by span, confused tag/POS/morphology/lemma values, parser errors per label, the category
/// confusion, and the number of errors in each doc.
public struct ErrorAnalysis: Sendable {
    /// One entry per span kind scored (`ents`, `spans_{key}`), in pipeline order.
    public var spans: [SpanErrors] = []
    /// One entry per token attribute scored (`tag`, `pos`, `morph`, `lemma`).
    public var tokens: [TokenConfusion] = []
    public var dependencies: DependencyErrors?
    public var categories: CategoryConfusion?
    /// Errors per doc, in doc order: wrong spans (all kinds but correct), tokens, arcs and categories together.
    public var docErrors: [Int] = []

    private var spanRules: [SpanRule] = []

    private enum SpanRule {
        case entities
        case group(key: String, allowOverlap: Bool)
    }

    public init(pipeline: ScoringPipeline) {
        for (_, scorer) in pipeline.components {
            switch scorer {
            case .entities where !spans.contains { $0.attr == "ents" }:
                spans.append(SpanErrors(attr: "ents"))
                spanRules.append(.entities)
            case .spans(let key, let allowOverlap) where !spans.contains { $0.attr == "spans_\(key)" }:
                spans.append(SpanErrors(attr: "spans_\(key)"))
                spanRules.append(.group(key: key, allowOverlap: allowOverlap))
            case .tagger: addTokens("tag")
            case .morphologizer: addTokens("pos"); addTokens("morph")
            case .lemmatizer: addTokens("lemma")
            case .parser: dependencies = DependencyErrors()
            case let .cats(labels, multiLabel, _, threshold):
                categories = CategoryConfusion(labels: labels, multiLabel: multiLabel, threshold: threshold)
            default: break
            }
        }
    }

    private mutating func addTokens(_ attr: String) {
        if !tokens.contains(where: { $0.attr == attr }) { tokens.append(TokenConfusion(attr: attr)) }
    }

    public mutating func add(_ example: Example) {
        let doc = docErrors.count
        var errors = 0
        let gold = example.reference
        for (k, rule) in spanRules.enumerated() {
            let goldSpans: [LabeledSpan], predicted: [LabeledSpan]
            switch rule {
            case .entities:
                guard gold.has(.entIOB) else { continue }
                goldSpans = gold.entitySpans
                predicted = Self.alignedEntities(example)
            case .group(let key, let allowOverlap):
                guard gold.spanGroup(named: key) != nil else { continue }
                goldSpans = gold.groupSpans(key)
                predicted = example.predicted.spanGroup(named: key) != nil
                    ? example.alignedSpans(example.predicted.groupSpans(key), allowOverlap: allowOverlap) : []
            }
            let outcomes = SpanClassifier.classify(gold: goldSpans, predicted: predicted, doc: doc) { gold.spanText($0) }
            spans[k].add(outcomes, gold: goldSpans)
            errors += outcomes.count { $0.kind != .correct }
        }
        for t in tokens.indices { errors += tokens[t].add(example) }
        if dependencies != nil { errors += dependencies!.add(example) }
        if categories != nil { errors += categories!.add(example) }
        docErrors.append(errors)
    }

    /// Predicted entities on gold tokens as `get_ner_prf` places them; those over gold tokens with a missing IOB are
    /// neither right nor wrong and left out.
    static func alignedEntities(_ example: Example) -> [LabeledSpan] {
        let gold = example.reference.tokens
        return example.predicted.ents.compactMap { ent in
            let indices = example.alignment.indices(ent.start..<ent.end)
            guard let first = indices.first, let last = indices.last else { return nil }
            let start = Int(first), end = Int(last) + 1
            guard start < end, end <= gold.count, gold[start..<end].allSatisfy({ $0.entIOB != .missing }) else { return nil }
            return LabeledSpan(label: ent.label, start: start, end: end)
        }
    }
}

extension PairedDocBins {
    /// The error analysis of the pairs, decoded and checked as `score` does; `observe` sees each pair with its index
    /// and its number of errors in the same pass.
    public func errors(
        with pipeline: ScoringPipeline, observing observe: (_ index: Int, _ example: Example, _ errors: Int) -> Void = { _, _, _ in }
    ) throws(ScoringError) -> ErrorAnalysis {
        var analysis = ErrorAnalysis(pipeline: pipeline)
        try forEachExample { example in
            analysis.add(example)
            observe(analysis.docErrors.count - 1, example, analysis.docErrors[analysis.docErrors.count - 1])
        }
        return analysis
    }
}
