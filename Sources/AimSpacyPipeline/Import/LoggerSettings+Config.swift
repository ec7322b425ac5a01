import Foundation
import AimSpacyDecoding
import AimSpacyModel

extension LoggerSettings {
    /// The settings of `spacy.AimLogger.v1` from the config's `[training.logger]`, or the defaults
    /// when the training used another logger.
    init(logger: TrainingLogger?) {
        self.init()
        guard let logger, logger.isAimLogger else { return }
        // A PostgreSQL URL is kept without its password: settings are shown and archived.
        repo = logger.repo.map(RunCommands.recordable)
        experimentName = logger.experimentName
        vizPath = logger.vizPath
        modelLogInterval = logger.modelLogInterval
        if let size = logger.imageSize, let parsed = Self.parseImageSize(size) {
            (imageWidth, imageHeight) = parsed
        }
        experimentType = logger.experimentType
    }

    /// These settings with the flags of `options` applied over them.
    func overridden(by options: ImportOptions) throws(PipelineError) -> LoggerSettings {
        var settings = self
        if let repo = options.repo { settings.repo = RunCommands.recordable(repo) }
        if let experiment = options.experiment { settings.experimentName = experiment }
        if let vizPath = options.vizPath { settings.vizPath = vizPath }
        if let interval = options.modelLogInterval {
            guard interval > 0 else { throw PipelineError("--model-log-interval: expected a positive number of steps") }
            settings.modelLogInterval = interval
        }
        if let size = options.imageSize {
            guard let parsed = Self.parseImageSize(size) else {
                throw PipelineError("--image-size: expected \"width,height\" in pixels, got \"\(size)\"")
            }
            (settings.imageWidth, settings.imageHeight) = parsed
        }
        if let type = options.experimentType { settings.experimentType = type }
        return settings
    }

    /// `"600,200"` → (600, 200); `nil` unless both are positive integers.
    static func parseImageSize(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]), width > 0, height > 0 else {
            return nil
        }
        return (width, height)
    }

    /// The displaCy style of the visualisations: `experiment_type` as aim-spacy names it (`ner` → ent,
    /// `dep`/`parser` → dep, `span`/`spancat` → span), else chosen from the pipeline.
    func displacyStyle(pipeline: [String]) -> String? {
        if let type = experimentType?.lowercased() {
            switch type {
            case "ner", "ent", "entity", "entities": return "ent"
            case "dep", "parser", "parse": return "dep"
            case "span", "spancat", "spans": return "span"
            default: return nil
            }
        }
        if pipeline.contains(where: { $0 == "ner" || $0.hasSuffix("ner") || $0 == "entity_ruler" }) { return "ent" }
        if pipeline.contains(where: { $0.hasPrefix("spancat") || $0 == "span_finder" }) { return "span" }
        if pipeline.contains(where: { $0 == "parser" || $0.hasSuffix("parser") }) { return "dep" }
        return nil
    }
}
