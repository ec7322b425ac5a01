import AimSpacyModel

/// The scorers of a trained pipeline, in `nlp.pipeline` order: what `Scorer(nlp)` calls, read from the model folder's
/// `config.cfg` (factories, scorers, their settings) and `meta.json` (enabled components, labels).
public struct ScoringPipeline: Sendable, Equatable {
    public var components: [(name: String, scorer: ComponentScorer)]

    public init(components: [(name: String, scorer: ComponentScorer)]) {
        self.components = components
    }

    public static func == (lhs: ScoringPipeline, rhs: ScoringPipeline) -> Bool {
        lhs.components.count == rhs.components.count
            && zip(lhs.components, rhs.components).allSatisfy { $0.name == $1.name && $0.scorer == $1.scorer }
    }

    /// Reads the scorers from an interpolated config and the meta's labels; `configFile` names the config in errors.
    public init(config: JSONValue, meta: PipelineMeta, configFile: String) throws(ScoringError) {
        var components: [(String, ComponentScorer)] = []
        for name in meta.pipeline {
            let path = ["components", name]
            guard let section = config.value(atPath: path) else {
                throw ScoringError(file: configFile, place: "components.\(name)", "meta.json names component \(name), which the config lacks")
            }
            // A component without a scorer (tok2vec, transformer) adds nothing, as `Pipe.score` returns `{}`.
            guard section["scorer"] != nil else { continue }
            guard let registered = section.value(atPath: ["scorer", "@scorers"])?.stringValue else {
                throw ScoringError(file: configFile, place: "components.\(name).scorer", "expected a registered scorer (@scorers)")
            }
            let labels = meta.labels.first { $0.component == name }?.labels ?? []
            func number(_ key: String) -> Double? { section[key]?.doubleValue }
            let scorer: ComponentScorer
            switch registered {
            case "spacy.tagger_scorer.v1": scorer = .tagger
            case "spacy.morphologizer_scorer.v1": scorer = .morphologizer
            case "spacy.lemmatizer_scorer.v1": scorer = .lemmatizer
            case "spacy.parser_scorer.v1": scorer = .parser
            case "spacy.senter_scorer.v1": scorer = .senter
            case "spacy.ner_scorer.v1", "spacy.entity_ruler_scorer.v1": scorer = .entities
            case "spacy.spancat_scorer.v1":
                scorer = .spans(key: section["spans_key"]?.stringValue ?? "sc",
                                allowOverlap: section["allow_overlap"].flatMap(\.boolValue) ?? true)
            case "spacy.overlapping_labeled_spans_scorer.v1":
                scorer = .spans(key: section.value(atPath: ["scorer", "spans_key"])?.stringValue ?? "ruler", allowOverlap: true)
            case "spacy.textcat_scorer.v2", "spacy.textcat_multilabel_scorer.v2":
                let positive = config.value(atPath: ["initialize", "components", name, "positive_label"])?.stringValue
                scorer = .cats(labels: labels, multiLabel: registered == "spacy.textcat_multilabel_scorer.v2",
                               positiveLabel: positive, threshold: number("threshold"))
            default:
                throw ScoringError(file: configFile, place: "components.\(name).scorer",
                                   "scorer \(registered) is not one aim-spacy reproduces")
            }
            components.append((name, scorer))
        }
        self.components = components
    }
}

extension JSONValue {
    var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
}
