import AimSpacyPipeline
import ArgumentParser
import Foundation

/// `aim-spacy score GOLD.spacy PRED.spacy --model MODEL_DIR [--json]`: spaCy's Scorer over paired docs.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score predicted docs against gold docs exactly as spaCy's Scorer does for a trained pipeline.")

    @Argument(help: "The gold .spacy file.") var gold: String
    @Argument(help: "The predicted .spacy file (e.g. written by `spacy apply`), docs in the gold file's order.") var predicted: String
    @Option(help: "The trained pipeline folder (model-best, model-last): its config.cfg and meta.json.") var model: String
    @Flag(help: "Print one JSON object with spaCy's keys instead of tables.") var json = false

    func run() throws {
        do {
            var output = StandardOutput()
            output.write(try ScoreRun.run(gold: gold, predicted: predicted, model: model, json: json))
            output.flush()
        } catch {
            FileHandle.standardError.write(Data("aim-spacy: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
