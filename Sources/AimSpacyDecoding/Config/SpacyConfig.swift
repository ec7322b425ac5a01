#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AimSpacyModel

/// The parts of a spaCy training config that later stages read: language, pipeline, `[paths]`,
/// training length, score weights and the `[training.logger]` block. Values are checked for their
/// type when present; absent ones are `nil`.
public struct SpacyConfig: Sendable, Equatable {
    /// The (normally interpolated) config this view reads.
    public var config: Config

    /// `nlp.lang`.
    public var lang: String?
    /// `nlp.pipeline`, in order.
    public var pipeline: [String]
    /// `[paths]` in file order (values are `null` until set by overrides).
    public var paths: [Setting]
    /// `training.max_steps` (0 means no limit in spaCy).
    public var maxSteps: Int?
    /// `training.max_epochs`.
    public var maxEpochs: Int?
    /// `training.eval_frequency`.
    public var evalFrequency: Int?
    /// `[training.score_weights]`, in order.
    public var scoreWeights: ScoreWeights
    /// `[training.logger]`, when the section exists.
    public var logger: TrainingLogger?

    /// One `key = value` of a section.
    public struct Setting: Sendable, Equatable {
        public var key: String
        public var value: JSONValue
    }

    /// Reads the view, failing with the key path of a value of the wrong type.
    public init(_ config: Config) throws(DecodingError) {
        self.config = config
        let root = config.root
        lang = try Self.string(root, ["nlp", "lang"])
        pipeline = try Self.strings(root, ["nlp", "pipeline"]) ?? []
        paths = try Self.section(root, ["paths"])?.map { Setting(key: $0.key, value: $0.value) } ?? []
        maxSteps = try Self.int(root, ["training", "max_steps"])
        maxEpochs = try Self.int(root, ["training", "max_epochs"])
        evalFrequency = try Self.int(root, ["training", "eval_frequency"])
        scoreWeights = try ScoreWeights(section: Self.section(root, ["training", "score_weights"]) ?? [])
        logger = try Self.section(root, ["training", "logger"]).map { members throws(DecodingError) in
            try TrainingLogger(section: members)
        }
    }

    /// Loads `config.cfg` interpolated, with `spacy train`-style overrides applied first.
    public static func load(contentsOf url: URL, overrides: ConfigOverrides = ConfigOverrides()) throws(DecodingError) -> SpacyConfig {
        let config = try Config.load(contentsOf: url, interpolate: true, overrides: overrides)
        do {
            return try SpacyConfig(config)
        } catch {
            throw error.inFile(url.path)
        }
    }

    /// `corpora.<name>.path` (`train`, `dev`) when it is a string.
    public func corpusPath(_ name: String) -> String? {
        config.root.value(atPath: ["corpora", name, "path"])?.stringValue
    }

    /// The value of `[paths]` key `name` (`paths.train`).
    public func path(_ name: String) -> JSONValue? { paths.first { $0.key == name }?.value }

    static func mismatch(_ path: [String], _ expected: String, _ found: JSONValue) -> DecodingError {
        DecodingError(location: .none, message: "\(path.joined(separator: ".")): expected \(expected), found \(found.serialized())")
    }

    static func section(_ root: JSONValue, _ path: [String]) throws(DecodingError) -> [(key: String, value: JSONValue)]? {
        guard let value = root.value(atPath: path) else { return nil }
        guard case .object(let members) = value else { throw mismatch(path, "a section", value) }
        return members
    }

    static func string(_ root: JSONValue, _ path: [String]) throws(DecodingError) -> String? {
        try string(root.value(atPath: path), path)
    }

    static func string(_ value: JSONValue?, _ path: [String]) throws(DecodingError) -> String? {
        guard let value, value != .null else { return nil }
        guard case .string(let s) = value else { throw mismatch(path, "a string", value) }
        return s
    }

    static func int(_ root: JSONValue, _ path: [String]) throws(DecodingError) -> Int? {
        try int(root.value(atPath: path), path)
    }

    static func int(_ value: JSONValue?, _ path: [String]) throws(DecodingError) -> Int? {
        guard let value, value != .null else { return nil }
        switch value {
        case .int(let i): return i
        case .double(let d) where d == d.rounded() && abs(d) < 1e15: return Int(d)
        default: throw mismatch(path, "an integer", value)
        }
    }

    static func strings(_ root: JSONValue, _ path: [String]) throws(DecodingError) -> [String]? {
        guard let value = root.value(atPath: path), value != .null else { return nil }
        guard case .array(let items) = value else { throw mismatch(path, "a list of strings", value) }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item else { throw mismatch(path, "a list of strings", value) }
            out.append(s)
        }
        return out
    }
}

/// `[training.score_weights]`: how much each score counts in the final score (spaCy's own name).
/// `null` weights exist (e.g. `ents_per_type = null`: reported, not weighted).
public struct ScoreWeights: Sendable, Equatable {
    /// One score name and its weight (`nil` for `null`).
    public struct Weight: Sendable, Equatable {
        public var name: String
        public var weight: Double?

        public init(name: String, weight: Double?) {
            self.name = name
            self.weight = weight
        }
    }

    /// In config order.
    public var weights: [Weight]

    public init(weights: [Weight]) { self.weights = weights }

    init(section: [(key: String, value: JSONValue)]) throws(DecodingError) {
        var weights: [Weight] = []
        for (key, value) in section {
            switch value {
            case .null: weights.append(Weight(name: key, weight: nil))
            case .int, .double: weights.append(Weight(name: key, weight: value.doubleValue))
            default: throw SpacyConfig.mismatch(["training", "score_weights", key], "a number or null", value)
            }
        }
        self.weights = weights
    }

    /// The score names, in order.
    public var names: [String] { weights.map(\.name) }

    /// The weight of `name`: `nil` if absent, `.some(nil)` for `null`.
    public func weight(of name: String) -> Double?? { weights.first { $0.name == name }.map(\.weight) }
}

/// `[training.logger]`: the registered logger and its settings, with `spacy.AimLogger.v1`'s read out.
public struct TrainingLogger: Sendable, Equatable {
    /// `@loggers`, e.g. `spacy.ConsoleLogger.v3` or `spacy.AimLogger.v1`.
    public var name: String?
    /// The whole section (including nested blocks such as `options`).
    public var settings: JSONValue

    public var repo: String?
    public var experimentName: String?
    public var runHash: String?
    public var vizPath: String?
    public var modelLogInterval: Int?
    public var imageSize: String?
    public var experimentType: String?
    /// ConsoleLogger v2/v3 `output_file` (the JSONL log).
    public var outputFile: String?

    /// Whether this is spacy-aim's logger (`spacy.AimLogger.*`).
    public var isAimLogger: Bool { name?.hasPrefix("spacy.AimLogger.") ?? false }

    init(section: [(key: String, value: JSONValue)]) throws(DecodingError) {
        let object = JSONValue.object(section)
        let base = ["training", "logger"]
        settings = object
        func text(_ key: String) throws(DecodingError) -> String? { try SpacyConfig.string(object[key], base + [key]) }
        name = try text("@loggers")
        repo = try text("repo")
        experimentName = try text("experiment_name")
        runHash = try text("run_hash")
        vizPath = try text("viz_path")
        imageSize = try text("image_size")
        experimentType = try text("experiment_type")
        outputFile = try text("output_file")
        modelLogInterval = try SpacyConfig.int(object["model_log_interval"], base + ["model_log_interval"])
    }
}
