import AimSpacyModel

/// What `spacy evaluate` wrote: the `--output` metrics and the `--displacy-path` pages.
public struct EvaluationMetrics: Sendable, Equatable {
    /// The whole `nlp.evaluate()` dict, keys in file order (nulls kept).
    public var json: JSONValue
    /// Flat scores (`token_acc`, `ents_f`, `speed`…) and per-label tables (`ents_per_type`…).
    public var scores: [NamedScore]
    public var perLabel: [ScoreTable]

    public init(json: JSONValue, scores: [NamedScore], perLabel: [ScoreTable]) {
        self.json = json
        self.scores = scores
        self.perLabel = perLabel
    }

    /// The metrics as final scores named `model` (e.g. `evaluate`).
    public func finalScores(model: String) -> FinalScores {
        FinalScores(model: model, scores: scores, perLabel: perLabel)
    }
}

/// A displaCy page (`entities.html`, `parses.html`, `spans.html`): one figure per rendered doc.
public struct DisplacyPage: Sendable, Equatable {
    /// `ent`, `dep` or `span`.
    public var style: String
    public var figures: [DisplacyFigure]

    public init(style: String, figures: [DisplacyFigure]) {
        self.style = style
        self.figures = figures
    }
}

/// One doc's markup, byte for byte as the renderer returned it (the figure's content).
public struct DisplacyFigure: Sendable, Equatable {
    public var markup: String
    /// The `<h2>` title spaCy puts on the first doc (the model path), when present.
    public var title: String?
    /// 1-based line of the `<figure>` tag.
    public var line: Int

    public init(markup: String, title: String?, line: Int) {
        self.markup = markup
        self.title = title
        self.line = line
    }
}
