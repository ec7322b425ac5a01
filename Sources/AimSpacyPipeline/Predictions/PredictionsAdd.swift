import AimSpacyDecoding
import AimSpacyModel
import AimSpacyRepository
import Foundation

/// `aim-spacy predictions add RUN [MODEL=]PRED.spacy [--gold GOLD.spacy] [--replace]`: scores predictions for a
/// run already in the repository with the model's `config.cfg` and `meta.json` as the run stored them (no
/// training folder needed); the gold side defaults to the run's stored `paths.dev` corpus.
public enum PredictionsAdd {
    /// What the call did to the run.
    public struct Outcome: Sendable, Equatable {
        public var hash: String
        public var name: String
        /// `attached`, `replaced` or `unchanged`.
        public var status: String
        public var set: PredictionSet

        /// One line for people: `attached model-best on corpus/dev.spacy (143 docs) to ner-aim (1a2b3c4d5e6f)`.
        public var text: String {
            TerminalText.escaped("\(status) \(set.label) (\(set.docs) docs, predicted \(set.predicted)) — run \(name) (\(hash.prefix(12)))\n")
        }
    }

    public static func run(
        _ reference: String, request: PredictionRequest, repo: String?, replace: Bool,
        limits: InflateLimits = InflateLimits()
    ) throws(PipelineError) -> Outcome {
        let repository = try RunCommands.openRepository(repo)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("aim-spacy-predictions-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (hash, run) = try RunCommands.wrap { () throws(RepositoryError) -> (String, Run?) in
            let hash = try repository.resolve(reference)
            return (hash, try repository.run(hash: hash))
        }
        guard let run else { throw PipelineError("no run matches '\(reference)'") }
        let named = "run \(run.name) (\(hash.prefix(12)))"
        let suffix = request.model == "model-best" ? "best" : "last"
        guard let config = run.sources.first(where: { $0.role == "config-" + suffix }),
            let meta = run.sources.first(where: { $0.role == "meta-" + suffix })
        else {
            throw PipelineError("\(named): the repository keeps no \(request.model) config.cfg and meta.json for it; import the training with its \(request.model) folder")
        }
        let storedGold = try storedGold(request, run: run, named: named)
        let wanted = [config.sha256, meta.sha256] + (storedGold.map { [$0.sha256] } ?? [])
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let files = try RunCommands.wrap { () throws(RepositoryError) in try repository.objectFiles(wanted, in: scratch) }
        func input(_ source: SourceFile) throws(PipelineError) -> PredictionScoring.Input {
            guard let url = files[source.sha256] else { throw PipelineError("\(named): object \(source.sha256) of \(source.path) is missing from the store") }
            return .init(url: url, file: source.path, shown: source.path)
        }
        let gold: PredictionScoring.Input
        if let storedGold {
            gold = try input(storedGold)
        } else {
            let path = request.gold ?? ""
            let url = URL(fileURLWithPath: path).standardizedFileURL
            gold = .init(url: url, file: path, shown: url.lastPathComponent)
        }
        let predictedURL = URL(fileURLWithPath: request.predicted).standardizedFileURL
        let scoring = PredictionScoring(
            model: request.model, config: try input(config), meta: try input(meta), gold: gold,
            predicted: .init(url: predictedURL, file: request.predicted, shown: predictedURL.lastPathComponent), limits: limits)
        var set = try scoring.score()
        // A gold DocBin the run already keeps (a corpus) is shown by the path the run knows it by.
        if storedGold == nil, let known = run.sources.first(where: { $0.sha256 == set.goldSHA256 }) { set.gold = known.path }
        let attached = try RunCommands.wrap { () throws(RepositoryError) -> AttachOutcome in
            try repository.whileWriting { () throws(RepositoryError) -> AttachOutcome in
                let earlier = try repository.predictions(ofRun: hash)
                _ = try PredictionMerge.plan(stored: earlier.enumerated().map { ($0, $1) }, adding: [set], replace: replace, run: hash)
                try repository.storeObject(contentsOf: predictedURL, knownSHA256: set.predictedSHA256)
                if storedGold == nil { try repository.storeObject(contentsOf: gold.url, knownSHA256: set.goldSHA256) }
                return try repository.attachPredictions([set], toRun: hash, replace: replace)
            }
        }
        let status = !attached.attached.isEmpty ? "attached" : !attached.replaced.isEmpty ? "replaced" : "unchanged"
        return Outcome(hash: hash, name: run.name, status: status, set: set)
    }

    /// The gold DocBin among the run's sources: the stored `paths.dev` corpus unless `--gold` names a file.
    private static func storedGold(_ request: PredictionRequest, run: Run, named: String) throws(PipelineError) -> SourceFile? {
        guard request.gold == nil else { return nil }
        guard let dev = run.datasets.first(where: { $0.role == "dev" }) else {
            throw PipelineError("\(named): no paths.dev corpus is stored with the run; give the gold DocBin with --gold")
        }
        guard let source = run.sources.first(where: { $0.role == "corpus" && $0.path == dev.path }) else {
            throw PipelineError("\(named): the paths.dev corpus \(dev.path) is not among the run's stored files; give it with --gold")
        }
        return source
    }
}
