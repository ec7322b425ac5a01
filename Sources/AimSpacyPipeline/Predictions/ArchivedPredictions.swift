import AimSpacyModel
import Foundation

/// Prediction sets in archives: `archive RUN` keeps each set's gold and predicted DocBins in the run's folder as
/// `aim-spacy-predictions/<sha256>.spacy` and the sets themselves in `runs/<hash>.json`; importing the archive
/// attaches them again, each DocBin checked against its sha256.
enum ArchivedPredictions {
    static let folder = "aim-spacy-predictions"

    static func path(_ sha256: String) -> String { "\(folder)/\(sha256).spacy" }

    /// The sets `runs/<hash>.json` records for the run, and their DocBins in the extracted `folder`.
    static func read(hash: String, runs: URL, folder root: URL) throws(PipelineError) -> ([PredictionSet], [RunAssembly.PredictionObject]) {
        guard hash.allSatisfy(\.isHexDigit) else { return ([], []) }
        let file = runs.appendingPathComponent("\(hash).json")
        guard let data = try? Data(contentsOf: file) else { return ([], []) }
        let sets: [PredictionSet]
        do {
            sets = try Run(json: try JSONValue.parse(String(decoding: data, as: UTF8.self))).predictions
        } catch {
            throw PipelineError("\(file.path): \(error)")
        }
        var objects: [RunAssembly.PredictionObject] = []
        for sha in Set(sets.flatMap { [$0.goldSHA256, $0.predictedSHA256] }).sorted() {
            let url = root.appendingPathComponent(path(sha))
            guard let bytes = try? Data(contentsOf: url, options: .alwaysMapped) else {
                throw PipelineError("\(url.path): missing; the archive's run \(hash) refers to it for its predictions")
            }
            guard SHA256.hex(bytes) == sha else {
                throw PipelineError("\(url.path): its content does not have the sha256 its name says")
            }
            objects.append(RunAssembly.PredictionObject(url: url, sha256: sha))
        }
        return (sets, objects)
    }
}

extension Run {
    /// The sha256 of every DocBin the run's prediction sets refer to.
    var predictionObjects: [String] { predictions.flatMap { [$0.goldSHA256, $0.predictedSHA256] } }
}
