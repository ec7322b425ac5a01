import AimSpacyModel

/// `spacy.scorer.Scorer(nlp).score(examples)`: the tokenizer's scores, then every component's, merged with
/// `dict.update` in pipeline order. Examples are added one at a time.
public struct Scorer {
    public let pipeline: ScoringPipeline
    private var tokenization = TokenizationScore()
    private var parts: [[any ExampleScore]]

    public init(pipeline: ScoringPipeline) {
        self.pipeline = pipeline
        parts = pipeline.components.map { $0.scorer.parts() }
    }

    public mutating func add(_ example: Example) {
        tokenization.add(example)
        for c in parts.indices {
            for p in parts[c].indices { parts[c][p].add(example) }
        }
    }

    /// The first example (0-based) that spaCy's Scorer cannot score, with the component and the reason.
    public var unscorable: (example: Int, component: String, reason: String)? {
        for (c, component) in pipeline.components.enumerated() {
            for part in parts[c] {
                if let cats = part as? CategoryScore, let i = cats.unscorable {
                    return (i, component.name, "the gold doc has categories and the predicted doc none of \(cats.labels.joined(separator: ", ")) (spaCy's exclusive-class scorer fails on it)")
                }
            }
        }
        return nil
    }

    /// The dict spaCy returns for the examples added so far.
    public var scores: Scores {
        var result = tokenization.scores
        for (c, component) in pipeline.components.enumerated() {
            var merged = Scores()
            for part in parts[c] { merged.update(part.scores) }
            for key in component.scorer.deletedKeys { merged[key] = nil }
            result.update(merged)
        }
        return result
    }
}
