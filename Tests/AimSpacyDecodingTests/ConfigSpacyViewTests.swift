import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

@testable import AimSpacyDecoding

/// The typed view of training configs, read from the shipped trainings.
@Suite struct ConfigSpacyViewTests {
    @Test func aimLoggerTrainingSettings() throws {
        let config = try SpacyConfig.load(contentsOf: Fixture.url("trainings/ner-aim/training/model-best/config.cfg"))
        #expect(config.lang == "en")
        #expect(config.pipeline == ["tok2vec", "ner"])
        #expect(config.maxSteps == 600)
        #expect(config.evalFrequency == 50)
        #expect(config.path("train") == .string("corpus/train.spacy"))
        #expect(config.paths.map(\.key) == ["train", "dev", "vectors", "init_tok2vec"])
        #expect(config.scoreWeights.names == ["ents_f", "ents_p", "ents_r", "ents_per_type"])
        #expect(config.scoreWeights.weight(of: "ents_f") == .some(1.0))
        #expect(config.scoreWeights.weight(of: "ents_per_type") == .some(nil))
        #expect(config.scoreWeights.weight(of: "nope") == nil)
        let logger = try #require(config.logger)
        #expect(logger.isAimLogger)
        #expect(logger.name == "spacy.AimLogger.v1")
        #expect(logger.repo == "aimrepo")
        #expect(logger.experimentName == "alice-ner")
        #expect(logger.imageSize == "600,200")
        #expect(logger.vizPath == nil && logger.modelLogInterval == nil && logger.experimentType == nil)
    }

    @Test func consoleLoggerAndOverrides() throws {
        var overrides = ConfigOverrides()
        overrides.set("paths.train", .string("x/train.spacy"))
        overrides.set("training.max_steps", .int(7))
        let config = try SpacyConfig.load(contentsOf: Fixture.url("trainings/spancat-jsonl/config.cfg"), overrides: overrides)
        #expect(config.path("train") == .string("x/train.spacy"))
        #expect(config.corpusPath("train") == "x/train.spacy")
        #expect(config.corpusPath("dev") == nil)
        #expect(config.maxSteps == 7)
        let saved = try SpacyConfig.load(contentsOf: Fixture.url("trainings/spancat-jsonl/training/model-best/config.cfg"))
        let logger = try #require(saved.logger)
        #expect(!logger.isAimLogger)
        #expect(logger.name == "spacy.ConsoleLogger.v3")
        #expect(logger.settings["progress_bar"] == .string("eval"))
        #expect(logger.outputFile == "runs/spancat-jsonl/training/log.jsonl")
        #expect(config.scoreWeights.names == ["spans_sc_f", "spans_sc_p", "spans_sc_r"])
    }

    @Test func wrongTypesNameTheKeyPath() throws {
        let config = try Config.parse("[nlp]\nlang = \"en\"\npipeline = \"ner\"\n")
        let error = #expect(throws: DecodingError.self) { try SpacyConfig(config) }
        #expect(error?.message.hasPrefix("nlp.pipeline: expected a list of strings") == true)
        let weights = try Config.parse("[training]\n\n[training.score_weights]\nents_f = \"high\"\n")
        let weightError = #expect(throws: DecodingError.self) { try SpacyConfig(weights) }
        #expect(weightError?.message.hasPrefix("training.score_weights.ents_f") == true)
    }
}
