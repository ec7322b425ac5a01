import AimSpacyDecoding
import AimSpacyModel
import Foundation

/// What the log decoders need from a training's config: `nlp.pipeline` and the keys of
/// `training.score_weights` whose weight is not null, in config order — to resolve the column
/// names the console cut (`LOSS TEXTC...`).
public struct ConfigColumns: Sendable, Equatable {
    public var pipeline: [String]
    public var scoreWeights: [String]

    public init(pipeline: [String], scoreWeights: [String]) {
        self.pipeline = pipeline
        self.scoreWeights = scoreWeights
    }

    /// The two lists of a decoded config.
    public init(_ config: SpacyConfig) {
        self.init(pipeline: config.pipeline, scoreWeights: config.scoreWeights.weights.filter { $0.weight != nil }.map(\.name))
    }

    /// Reads the two lists from config text.
    public static func parse(_ text: String) throws -> ConfigColumns {
        ConfigColumns(try SpacyConfig(Config.parse(text)))
    }

    /// Reads the two lists from the config file at `path` (interpolated, as spaCy reads it).
    public static func read(file path: String) throws -> ConfigColumns {
        ConfigColumns(try SpacyConfig.load(contentsOf: URL(fileURLWithPath: path)))
    }
}
