/// A saved pipeline's `meta.json` (`model-best`, `model-last`, or an installed package).
public struct PipelineMeta: Sendable, Equatable {
    public var lang: String
    public var name: String
    public var version: String
    /// The version range spaCy wrote, e.g. `>=3.8.18,<3.9.0`.
    public var spacyVersion: String
    public var spacyGitVersion: String?
    public var description: String
    /// `nlp.pipe_names`: the enabled components in order.
    public var pipeline: [String]
    /// Every component, disabled ones included.
    public var components: [String]
    public var disabled: [String]
    /// Labels per component, in meta order (`[]` for components without labels).
    public var labels: [ComponentLabels]
    /// `performance`: flat scores (nulls kept) in meta order, and per-label tables.
    public var scores: [NamedScore]
    public var perLabel: [ScoreTable]
    /// A packaged pipeline's `speed` (`cpu`, `gpu`, `nwords`); empty when absent, as `spacy train` writes none.
    public var speed: [NamedScore]
    /// The whole document, keys in file order.
    public var json: JSONValue

    public init(
        lang: String, name: String, version: String, spacyVersion: String, spacyGitVersion: String? = nil,
        description: String = "", pipeline: [String], components: [String], disabled: [String] = [],
        labels: [ComponentLabels] = [], scores: [NamedScore] = [], perLabel: [ScoreTable] = [],
        speed: [NamedScore] = [], json: JSONValue = .null
    ) {
        self.lang = lang
        self.name = name
        self.version = version
        self.spacyVersion = spacyVersion
        self.spacyGitVersion = spacyGitVersion
        self.description = description
        self.pipeline = pipeline
        self.components = components
        self.disabled = disabled
        self.labels = labels
        self.scores = scores
        self.perLabel = perLabel
        self.speed = speed
        self.json = json
    }

    /// The performance as the final scores of `model` (`model-best`, `model-last`).
    public func finalScores(model: String) -> FinalScores {
        FinalScores(model: model, scores: scores, perLabel: perLabel)
    }
}
