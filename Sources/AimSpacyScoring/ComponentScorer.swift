import AimSpacyModel

/// What one pipeline component's registered scorer computes, with the settings it takes from the component.
public enum ComponentScorer: Sendable, Equatable {
    /// `spacy.tagger_scorer.v1`: `tag_acc`.
    case tagger
    /// `spacy.morphologizer_scorer.v1`: `pos_acc`, `morph_acc`, `morph_micro_p/r/f`, `morph_per_feat`.
    case morphologizer
    /// `spacy.lemmatizer_scorer.v1`: `lemma_acc`.
    case lemmatizer
    /// `spacy.parser_scorer.v1`: `sents_p/r/f`, `dep_uas`, `dep_las`, `dep_las_per_type`.
    case parser
    /// `spacy.senter_scorer.v1`: `sents_p/r/f`.
    case senter
    /// `spacy.ner_scorer.v1`, `spacy.entity_ruler_scorer.v1`: `ents_p/r/f`, `ents_per_type`.
    case entities
    /// `spacy.spancat_scorer.v1`, `spacy.overlapping_labeled_spans_scorer.v1`: `spans_{key}_p/r/f`, `spans_{key}_per_type`.
    case spans(key: String, allowOverlap: Bool)
    /// `spacy.textcat_scorer.v2` / `spacy.textcat_multilabel_scorer.v2`: the `cats_*` scores.
    case cats(labels: [String], multiLabel: Bool, positiveLabel: String?, threshold: Double?)

    /// The annotation a predicted doc must carry for this score, in spaCy's words.
    var annotation: String {
        switch self {
        case .tagger: return "TAG"
        case .morphologizer: return "POS or MORPH"
        case .lemmatizer: return "LEMMA"
        case .parser: return "DEP"
        case .senter: return "SENT_START"
        case .entities: return "ENT_IOB"
        case .spans(let key, _): return "doc.spans[\"\(key)\"]"
        case .cats(let labels, _, _, _): return "doc.cats with any of \(labels.joined(separator: ", "))"
        }
    }

    /// Whether `doc` carries that annotation.
    func isAnnotated(_ doc: Doc) -> Bool {
        switch self {
        case .tagger: return doc.has(.tag)
        case .morphologizer: return doc.has(.pos) || doc.has(.morph)
        case .lemmatizer: return doc.has(.lemma)
        case .parser: return doc.has(.dep)
        case .senter: return doc.has(.sentStart)
        case .entities: return doc.has(.entIOB)
        case .spans(let key, _): return doc.spanGroup(named: key) != nil
        case .cats(let labels, _, _, _): return doc.cats.contains { labels.contains($0.label) }
        }
    }

    /// Fresh accumulators for the functions this scorer calls, in the order it merges their dicts.
    func parts() -> [any ExampleScore] {
        switch self {
        case .tagger: return [TokenAttributeScore("tag")]
        case .morphologizer: return [TokenAttributeScore("pos"), TokenAttributeScore("morph"), MorphFeatureScore()]
        case .lemmatizer: return [TokenAttributeScore("lemma")]
        case .parser: return [SpanScore.sentences, DependencyScore()]
        case .senter: return [SpanScore.sentences]
        case .entities: return [EntityScore()]
        case .spans(let key, let allowOverlap): return [SpanScore.group(key, allowOverlap: allowOverlap)]
        case let .cats(labels, multiLabel, positiveLabel, threshold):
            return [CategoryScore(labels: labels, multiLabel: multiLabel, positiveLabel: positiveLabel, threshold: threshold)]
        }
    }

    /// Keys the component's scorer deletes from the merged dict (`del results["sents_per_type"]`).
    var deletedKeys: [String] {
        switch self {
        case .parser, .senter: return ["sents_per_type"]
        default: return []
        }
    }
}
