import AimSpacyModel
import Foundation

/// What `runs` lists and queries see of a run: its identity and scalar fields, plus (only when a
/// query needs them) hyper-parameters, final and evaluation scores, and per-series summaries.
/// Never the points, so listing 10,000 runs stays fast.
public struct RunSummary: Sendable, Equatable {
    public var hash: String
    public var experiment: String?
    public var name: String
    public var tags: [String]
    public var description: String
    public var created: Date
    public var imported: Date
    public var complete: Bool
    public var steps: Int
    public var lang: String
    public var spacyVersion: String
    public var pipeline: [String]
    /// Loaded when `parts` contains `.hyperparameters`.
    public var hyperparameters: JSONValue?
    /// Loaded when `parts` contains `.evaluation`.
    public var evaluation: JSONValue?
    /// Flat scores per saved model (no per-label tables); loaded with `.finalScores`.
    public var finalScores: [FinalScores]
    /// Loaded with `.series`.
    public var series: [SeriesSummary]
    /// Labels per component; loaded with `.labels`.
    public var labels: [ComponentLabels] = []
    /// Corpus statistics without label counts; loaded with `.datasets`.
    public var datasets: [DatasetStatistics] = []
    /// Values at the config/evaluation paths a query reads, extracted by SQLite so the whole tree
    /// need not be parsed; `.null` where the path is absent.
    package var extracted: [JSONExtract: JSONValue] = [:]

    public init(
        hash: String, experiment: String?, name: String, tags: [String], description: String, created: Date,
        imported: Date, complete: Bool, steps: Int, lang: String, spacyVersion: String, pipeline: [String],
        hyperparameters: JSONValue? = nil, evaluation: JSONValue? = nil, finalScores: [FinalScores] = [],
        series: [SeriesSummary] = []
    ) {
        self.hash = hash
        self.experiment = experiment
        self.name = name
        self.tags = tags
        self.description = description
        self.created = created
        self.imported = imported
        self.complete = complete
        self.steps = steps
        self.lang = lang
        self.spacyVersion = spacyVersion
        self.pipeline = pipeline
        self.hyperparameters = hyperparameters
        self.evaluation = evaluation
        self.finalScores = finalScores
        self.series = series
    }
}

/// One series without its points: name, context and the values queries ask for.
public struct SeriesSummary: Sendable, Equatable {
    public var name: String
    public var context: [ContextPair]
    public var count: Int
    public var last: Double?
    public var min: Double?
    public var max: Double?

    public init(name: String, context: [ContextPair], count: Int, last: Double?, min: Double?, max: Double?) {
        self.name = name
        self.context = context
        self.count = count
        self.last = last
        self.min = min
        self.max = max
    }
}

/// Which optional parts of `RunSummary` to load.
public struct SummaryParts: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let hyperparameters = SummaryParts(rawValue: 1)
    public static let evaluation = SummaryParts(rawValue: 2)
    public static let finalScores = SummaryParts(rawValue: 4)
    public static let series = SummaryParts(rawValue: 8)
    public static let labels = SummaryParts(rawValue: 16)
    public static let datasets = SummaryParts(rawValue: 32)
    public static let all: SummaryParts = [.hyperparameters, .evaluation, .finalScores, .series, .labels, .datasets]
}

/// One path into a run's config or evaluation tree that a query reads.
package struct JSONExtract: Hashable, Sendable {
    package enum Tree: Sendable {
        case config, evaluation
    }

    package var tree: Tree
    package var path: [String]

    /// The column holding the tree.
    var column: String { tree == .config ? "config_json" : "evaluation_json" }

    /// SQLite's JSON path (`$."training"."optimizer"`), or `nil` when a key cannot be quoted.
    var sqlPath: String? {
        guard !path.contains(where: { $0.contains("\"") || $0.contains("\\") }) else { return nil }
        return "$" + path.map { ".\"\($0)\"" }.joined()
    }
}
