/// Scores of one saved pipeline (`model-best` or `model-last`), from its `meta.json` `performance`.
public struct FinalScores: Sendable, Equatable {
    /// `model-best` or `model-last`.
    public var model: String
    /// Flat scores by name (`ents_f`, `ents_p`, `token_acc`, `speed`…), in meta order; `nil` values are kept.
    public var scores: [NamedScore]
    /// Per-label tables (`ents_per_type`, `cats_f_per_type`, `*_per_feat`…): table → label → metric → value.
    public var perLabel: [ScoreTable]

    public init(model: String, scores: [NamedScore] = [], perLabel: [ScoreTable] = []) {
        self.model = model
        self.scores = scores
        self.perLabel = perLabel
    }

    public func score(_ name: String) -> Double? { scores.first { $0.name == name }?.value }
}

/// A named score; `value` is `nil` where spaCy wrote `null`.
public struct NamedScore: Sendable, Equatable {
    public var name: String
    public var value: Double?

    public init(name: String, value: Double?) {
        self.name = name
        self.value = value
    }
}

/// One per-label table such as `ents_per_type`: rows by label, each with metrics (`p`, `r`, `f`).
public struct ScoreTable: Sendable, Equatable {
    public var name: String
    public var rows: [ScoreRow]

    public init(name: String, rows: [ScoreRow]) {
        self.name = name
        self.rows = rows
    }
}

/// One label's metrics in a `ScoreTable`.
public struct ScoreRow: Sendable, Equatable {
    public var label: String
    public var metrics: [NamedScore]

    public init(label: String, metrics: [NamedScore]) {
        self.label = label
        self.metrics = metrics
    }
}

/// The labels of one pipeline component.
public struct ComponentLabels: Sendable, Equatable {
    public var component: String
    public var labels: [String]

    public init(component: String, labels: [String]) {
        self.component = component
        self.labels = labels
    }
}

/// Statistics of one corpus the config names (`paths.train`, `paths.dev`…).
public struct DatasetStatistics: Sendable, Equatable {
    /// The config key that names it, e.g. `train`, `dev`.
    public var role: String
    /// Path relative to the import root.
    public var path: String
    public var docs: Int
    public var tokens: Int
    public var sentences: Int
    /// Counts by label: entities, spans (per group, named `group/label`) and cats (docs with score ≥ 0.5).
    public var entityLabels: [LabelCount]
    public var spanLabels: [LabelCount]
    public var catLabels: [LabelCount]

    public init(
        role: String, path: String, docs: Int, tokens: Int, sentences: Int, entityLabels: [LabelCount] = [],
        spanLabels: [LabelCount] = [], catLabels: [LabelCount] = []
    ) {
        self.role = role
        self.path = path
        self.docs = docs
        self.tokens = tokens
        self.sentences = sentences
        self.entityLabels = entityLabels
        self.spanLabels = spanLabels
        self.catLabels = catLabels
    }
}

/// How often a label occurs.
public struct LabelCount: Sendable, Equatable {
    public var label: String
    public var count: Int

    public init(label: String, count: Int) {
        self.label = label
        self.count = count
    }
}

/// The displaCy renders shown at one training step, or those of a final-model evaluation.
public struct Visualisation: Sendable, Equatable {
    /// The logged step; `nil` for renders of the final model (`spacy evaluate --displacy-path`).
    public var step: Int?
    /// `dep`, `ent` or `span`.
    public var style: String
    /// Ids of `Run.renders`, one per doc, in doc order.
    public var renderIDs: [String]

    public init(step: Int?, style: String, renderIDs: [String]) {
        self.step = step
        self.style = style
        self.renderIDs = renderIDs
    }
}

/// One distinct displaCy markup, stored once however many steps show it.
public struct Render: Sendable, Equatable {
    /// sha256 of the markup, lowercase hex.
    public var id: String
    public var style: String
    public var markup: String

    public init(id: String, style: String, markup: String) {
        self.id = id
        self.style = style
        self.markup = markup
    }
}

/// One file a run was built from.
public struct SourceFile: Sendable, Equatable {
    /// Path relative to the import root, with `/` separators.
    public var path: String
    public var size: Int
    /// sha256 of the content, lowercase hex; also its name in the repo's object store.
    public var sha256: String
    /// `config`, `log`, `log-jsonl`, `meta-best`, `meta-last`, `config-best`, `config-last`, `corpus`,
    /// `evaluate-metrics`, `evaluate-html`, `viz`.
    public var role: String

    public init(path: String, size: Int, sha256: String, role: String) {
        self.path = path
        self.size = size
        self.sha256 = sha256
        self.role = role
    }
}
