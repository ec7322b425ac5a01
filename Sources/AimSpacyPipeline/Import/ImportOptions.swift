import AimSpacyDecoding

/// What `aim-spacy import` was asked to do: the paths and the `spacy.AimLogger.v1` settings given as
/// flags, which override those of the training's own config.
public struct ImportOptions: Sendable, Equatable {
    /// Files, folders, archives and globs to import.
    public var paths: [String]
    /// `--repo`; `nil` resolves from the config's logger, `$AIM_SPACY_REPO`, then `./.aim-spacy`.
    public var repo: String?
    public var experiment: String?
    public var vizPath: String?
    public var modelLogInterval: Int?
    /// `"width,height"`.
    public var imageSize: String?
    public var experimentType: String?
    /// How many docs of `viz_path` are rendered at each sampled step.
    public var vizDocs: Int
    /// Replace an earlier run of the same folder whose files changed, instead of adding a new run.
    public var replace: Bool
    public var name: String?
    public var tags: [String]
    /// How far the corpora the configs name may inflate (`--max-inflated-size`).
    public var inflateLimits: InflateLimits
    /// `--predictions [MODEL=]PRED.spacy [--gold GOLD.spacy]`, attached to every training imported.
    public var predictions: [PredictionRequest]

    public init(
        paths: [String], repo: String? = nil, experiment: String? = nil, vizPath: String? = nil,
        modelLogInterval: Int? = nil, imageSize: String? = nil, experimentType: String? = nil, vizDocs: Int = 10,
        replace: Bool = false, name: String? = nil, tags: [String] = [], inflateLimits: InflateLimits = InflateLimits(),
        predictions: [PredictionRequest] = []
    ) {
        self.paths = paths
        self.repo = repo
        self.experiment = experiment
        self.vizPath = vizPath
        self.modelLogInterval = modelLogInterval
        self.imageSize = imageSize
        self.experimentType = experimentType
        self.vizDocs = vizDocs
        self.replace = replace
        self.name = name
        self.tags = tags
        self.inflateLimits = inflateLimits
        self.predictions = predictions
    }
}
