#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One imported training, as `spacy.AimLogger.v1` would have recorded it live: its settings,
/// hyper-parameters, metric series, final scores, datasets, visualisations and provenance.
/// Storage, reports and archives all exchange this value.
public struct Run: Sendable, Equatable {
    /// Stable identity: derived from the content of the run's sources, never from their location.
    public var hash: String
    /// The Aim experiment name, or `nil` when none was given (the run is then known by its hash).
    public var experiment: String?
    /// Display name; defaults to the training folder's name.
    public var name: String
    public var tags: [String]
    public var description: String
    /// When the training happened, from the sources (latest modification time of the logs and models).
    public var created: Date
    /// When the run was imported.
    public var imported: Date
    /// False when the training log ends without `Saved pipeline` (an interrupted training).
    public var complete: Bool

    /// The interpolated config as a tree of sections.
    public var hyperparameters: JSONValue
    /// The raw text of `config.cfg`.
    public var configText: String
    /// `nlp.pipeline` names in order.
    public var pipeline: [String]
    public var lang: String
    /// `spacy_version` of the saved pipeline's meta, e.g. `>=3.8.18,<3.9.0`.
    public var spacyVersion: String
    /// The `spacy.AimLogger.v1` settings in force for this run.
    public var settings: LoggerSettings

    /// Every logged series (`loss` per component, scores, `score`, `speed`).
    public var series: [MetricSeries]
    /// Scores of the saved pipelines (`model-best`, `model-last`).
    public var finalScores: [FinalScores]
    /// Labels per pipeline component, from the saved pipeline's meta.
    public var labels: [ComponentLabels]
    /// Scores of `spacy evaluate --output`, when imported.
    public var evaluation: JSONValue?
    /// Predictions of the saved pipelines on gold corpora, scored; at most one set per model and gold DocBin.
    public var predictions: [PredictionSet]
    /// Statistics of the corpora the config names.
    public var datasets: [DatasetStatistics]
    /// displaCy renders at the sampled steps, and those `spacy evaluate --displacy-path` wrote.
    public var visualisations: [Visualisation]
    /// The distinct displaCy markups the visualisations refer to, by id.
    public var renders: [Render]
    /// Every source file the run was built from.
    public var sources: [SourceFile]
    /// What the import noticed and the user should know (interruption, missing corpora…).
    public var warnings: [String]

    public init(
        hash: String, experiment: String? = nil, name: String, tags: [String] = [], description: String = "",
        created: Date, imported: Date, complete: Bool = true, hyperparameters: JSONValue = .object([]),
        configText: String = "", pipeline: [String] = [], lang: String = "", spacyVersion: String = "",
        settings: LoggerSettings = LoggerSettings(), series: [MetricSeries] = [], finalScores: [FinalScores] = [],
        labels: [ComponentLabels] = [], evaluation: JSONValue? = nil, predictions: [PredictionSet] = [], datasets: [DatasetStatistics] = [],
        visualisations: [Visualisation] = [], renders: [Render] = [], sources: [SourceFile] = [],
        warnings: [String] = []
    ) {
        self.hash = hash
        self.experiment = experiment
        self.name = name
        self.tags = tags
        self.description = description
        self.created = created
        self.imported = imported
        self.complete = complete
        self.hyperparameters = hyperparameters
        self.configText = configText
        self.pipeline = pipeline
        self.lang = lang
        self.spacyVersion = spacyVersion
        self.settings = settings
        self.series = series
        self.finalScores = finalScores
        self.labels = labels
        self.evaluation = evaluation
        self.predictions = predictions
        self.datasets = datasets
        self.visualisations = visualisations
        self.renders = renders
        self.sources = sources
        self.warnings = warnings
    }

    /// The number of logged rows (the length of the longest series).
    public var steps: Int { series.map(\.points.count).max() ?? 0 }

    /// The series with this name and context, e.g. `series(named: "loss", context: ["component": "ner"])`.
    public func series(named name: String, context: [String: String] = [:]) -> MetricSeries? {
        series.first { $0.name == name && $0.contextDictionary == context }
    }
}

/// The settings of `spacy.AimLogger.v1`, read from `[training.logger]` or given as flags.
public struct LoggerSettings: Sendable, Equatable {
    public var repo: String?
    public var experimentName: String?
    public var vizPath: String?
    public var modelLogInterval: Int?
    /// Frame of a displaCy render in reports, from `image_size` (`"width,height"`, default `"600,200"`).
    public var imageWidth: Int
    public var imageHeight: Int
    /// `ner`, `dep` or `span`; `nil` chooses from the pipeline.
    public var experimentType: String?

    public init(
        repo: String? = nil, experimentName: String? = nil, vizPath: String? = nil, modelLogInterval: Int? = nil,
        imageWidth: Int = 600, imageHeight: Int = 200, experimentType: String? = nil
    ) {
        self.repo = repo
        self.experimentName = experimentName
        self.vizPath = vizPath
        self.modelLogInterval = modelLogInterval
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.experimentType = experimentType
    }
}
