import AimSpacyModel
import Foundation

/// Prediction sets in archives: `archive RUN` keeps each set's gold and predicted DocBins in the run's folder as
/// `aim-spacy-predictions/<sha256>.spacy` and the sets themselves in `runs/<hash>.json`; importing the archive
/// attaches them again, each DocBin checked against its sha256.
enum ArchivedPredictions {
    static let folder = "aim-spacy-predictions"

    static func path(_ sha256: String) -> String { "\(folder)/\(sha256).spacy" }

    /// The sets `runs/<hash>.json` records for the run, scored again from their DocBins in the extracted run folder
    /// with the run's own model config and meta (the archive's JSON has its keys sorted, so spaCy's key order of the
    /// scores comes back this way); the shown paths are the archived ones.
    static func read(hash: String, runs: URL, assembly: RunAssembly) throws(PipelineError) -> ([PredictionSet], [RunAssembly.PredictionObject]) {
        guard hash.allSatisfy(\.isHexDigit) else { return ([], []) }
        let file = runs.appendingPathComponent("\(hash).json")
        guard let data = try? Data(contentsOf: file) else { return ([], []) }
        let archived: [PredictionSet]
        do {
            archived = try Run(json: try JSONValue.parse(String(decoding: data, as: UTF8.self))).predictions
        } catch {
            throw PipelineError("\(file.path): \(error)")
        }
        guard !archived.isEmpty else { return ([], []) }
        let root = assembly.files.root
        var requests: [PredictionRequest] = []
        for set in archived {
            for sha in [set.goldSHA256, set.predictedSHA256] where !FileManager.default.fileExists(atPath: root.appendingPathComponent(path(sha)).path) {
                throw PipelineError("\(root.appendingPathComponent(path(sha)).path): missing; the archive's run \(hash) refers to it for its predictions")
            }
            requests.append(PredictionRequest(
                model: set.model, predicted: root.appendingPathComponent(path(set.predictedSHA256)).path,
                gold: root.appendingPathComponent(path(set.goldSHA256)).path))
        }
        var (sets, objects) = try assembly.predictions(requests)
        for (i, set) in archived.enumerated() {
            guard sets[i].goldSHA256 == set.goldSHA256, sets[i].predictedSHA256 == set.predictedSHA256 else {
                throw PipelineError("\(file.path): the DocBins of the predictions of \(set.label) do not have the sha256 their names say")
            }
            sets[i].gold = set.gold
            sets[i].predicted = set.predicted
        }
        return (sets, objects)
    }
}

extension Run {
    /// The sha256 of every DocBin the run's prediction sets refer to.
    var predictionObjects: [String] { predictions.flatMap { [$0.goldSHA256, $0.predictedSHA256] } }
}
