/// What a model gets wrong on a gold corpus, as the report shows it: one per run and prediction set. Plain values
/// made by the pipeline from the error analysis (the report module knows nothing of scoring or storage).
public struct ErrorReport: Sendable, Equatable {
    /// The model folder that made the predictions (`model-best`, `model-last`).
    public var model: String
    /// The gold and predicted DocBins, as shown.
    public var gold: String
    public var predicted: String
    public var docCount: Int
    /// Why the errors cannot be shown (e.g. the DocBins are not in the repository); the rest is then empty.
    public var unavailable: String?
    public var spans: [SpanErrorTable]
    public var categories: CategoryErrorTable?
    public var dependencies: DependencyErrorTable?
    public var tokens: [ValueConfusionTable]
    /// The docs with their renders, worst first (most errors, then doc order).
    public var docs: [ErrorDoc]
    /// Docs with the fewest errors left out of `docs`, so that a large corpus keeps its pages bounded.
    public var docsLeftOut: Int = 0

    public init(
        model: String, gold: String, predicted: String, docCount: Int, unavailable: String? = nil,
        spans: [SpanErrorTable] = [], categories: CategoryErrorTable? = nil, dependencies: DependencyErrorTable? = nil,
        tokens: [ValueConfusionTable] = [], docs: [ErrorDoc] = []
    ) {
        self.model = model
        self.gold = gold
        self.predicted = predicted
        self.docCount = docCount
        self.unavailable = unavailable
        self.spans = spans
        self.categories = categories
        self.dependencies = dependencies
        self.tokens = tokens
        self.docs = docs
    }
}

/// One doc of the Errors pages: its index in the corpus, its error count, what its errors are (for the filters),
/// and its gold and predicted renders side by side, one pair per style the pipeline has.
public struct ErrorDoc: Sendable, Equatable {
    public var index: Int
    public var errors: Int
    /// Labels of the doc's wrong spans, confused values and categories.
    public var labels: [String]
    /// Error kinds present (`SpanErrorKind` raw values, and `token`, `dep`, `cats` for the other components).
    public var kinds: [String]
    public var renders: [ErrorRender]

    public init(index: Int, errors: Int, labels: [String], kinds: [String], renders: [ErrorRender]) {
        self.index = index
        self.errors = errors
        self.labels = labels
        self.kinds = kinds
        self.renders = renders
    }
}

/// A gold and a predicted displaCy render of the same doc in one style (`ent`, `span`, `dep`), marks included.
public struct ErrorRender: Sendable, Equatable {
    public var style: String
    /// What is rendered, e.g. `entities` or `span group chunks`.
    public var title: String
    public var gold: String
    public var predicted: String

    public init(style: String, title: String, gold: String, predicted: String) {
        self.style = style
        self.title = title
        self.gold = gold
        self.predicted = predicted
    }
}
