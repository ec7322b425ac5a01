import AimSpacyDecoding
import AimSpacyModel
import Foundation

/// `import --predictions`: the prediction sets of a training, scored with its own model folders.
extension RunAssembly {
    /// A file the repository stores for a prediction set (its gold or predicted DocBin).
    struct PredictionObject: Sendable {
        var url: URL
        var sha256: String
    }

    /// Scores each request with the training's `model-best`/`model-last` config and meta; throws the
    /// first bad input as one line (the training is then not imported at all).
    func predictions(_ requests: [PredictionRequest]) throws(PipelineError) -> (sets: [PredictionSet], objects: [PredictionObject]) {
        var sets: [PredictionSet] = []
        var objects: [PredictionObject] = []
        for request in requests {
            let suffix = request.model == "model-best" ? "best" : "last"
            guard let config = files.sources.first(where: { $0.source.role == "config-" + suffix }),
                let meta = files.sources.first(where: { $0.source.role == "meta-" + suffix })
            else {
                throw PipelineError(
                    "\(files.root.path): --predictions \(request.predicted): the training has no \(request.model) folder with config.cfg and meta.json to score them")
            }
            let gold = try goldInput(request)
            let predictedURL = URL(fileURLWithPath: request.predicted).standardizedFileURL
            let inside = relative(predictedURL)
            let predicted = PredictionScoring.Input(
                url: predictedURL, file: request.predicted, shown: inside.hasPrefix("/") ? predictedURL.lastPathComponent : inside)
            let scoring = PredictionScoring(
                model: request.model, config: .init(url: config.url, file: config.url.path, shown: config.source.path),
                meta: .init(url: meta.url, file: meta.url.path, shown: meta.source.path), gold: gold, predicted: predicted,
                limits: options.inflateLimits)
            let set: PredictionSet
            do {
                set = try scoring.score()
            } catch {
                throw PipelineError("\(error.message) (predictions for the training \(files.root.path))")
            }
            sets.append(set)
            objects.append(PredictionObject(url: gold.url, sha256: set.goldSHA256))
            objects.append(PredictionObject(url: predicted.url, sha256: set.predictedSHA256))
        }
        return (sets, objects)
    }

    /// `--gold` as given, else the config's `paths.dev` resolved as the other corpora are.
    private func goldInput(_ request: PredictionRequest) throws(PipelineError) -> PredictionScoring.Input {
        if let gold = request.gold {
            let url = URL(fileURLWithPath: gold).standardizedFileURL
            return .init(url: url, file: gold, shown: relative(url))
        }
        guard let dev = files.config?.paths.first(where: { $0.key == "dev" })?.value.stringValue, !dev.isEmpty else {
            throw PipelineError(
                "\(files.root.path): --predictions \(request.predicted): the config names no paths.dev corpus; give the gold DocBin with --gold")
        }
        guard let url = resolve(dev) else {
            throw PipelineError(
                "\(files.root.path): --predictions \(request.predicted): the gold corpus paths.dev \(dev) is missing; give it with --gold")
        }
        return .init(url: url, file: url.path, shown: relative(url))
    }
}
