import AimSpacyDecoding
import AimSpacyModel
import AimSpacyScoring
import Foundation

/// Scores one predicted DocBin as `aim-spacy score` does and makes the `PredictionSet` a run keeps:
/// the scores, the errors per doc (`ErrorAnalysis`) and both DocBins' sha256.
struct PredictionScoring {
    /// A file to read and the name messages and the run show for it.
    struct Input {
        var url: URL
        /// Named in error messages (a path the user knows).
        var file: String
        /// Kept in the run (relative to the training folder when inside it).
        var shown: String
    }

    var model: String
    var config: Input
    var meta: Input
    var gold: Input
    var predicted: Input
    var limits: InflateLimits

    /// The scored set, or a one-line located error; nothing is written.
    func score() throws(PipelineError) -> PredictionSet {
        let pipeline = try loadPipeline()
        let (goldBin, goldSHA256) = try Self.docBin(gold, limits: limits)
        let (predictedBin, predictedSHA256) = try Self.docBin(predicted, limits: limits)
        let pairs = PairedDocBins(gold: goldBin, predicted: predictedBin, goldFile: gold.file, predictedFile: predicted.file)
        let scores: Scores
        var analysis = ErrorAnalysis(pipeline: pipeline)
        do {
            scores = try pairs.score(with: pipeline) { analysis.add($0) }
        } catch {
            throw PipelineError(error.description)
        }
        return PredictionSet(
            model: model, gold: gold.shown, goldSHA256: goldSHA256, predicted: predicted.shown,
            predictedSHA256: predictedSHA256, docs: goldBin.count, scores: scores.json, docErrors: analysis.docErrors
        )
    }

    /// The scorers `config` and `meta` describe, as `ScoringPipeline.load(model:)` reads a model folder.
    private func loadPipeline() throws(PipelineError) -> ScoringPipeline {
        let parsed: Config
        do {
            parsed = try Config.load(contentsOf: config.url)
        } catch {
            throw PipelineError(Self.renamed(error.description, config))
        }
        let meta: PipelineMeta
        do {
            meta = try PipelineMetaDecoder.decode([UInt8](try Data(contentsOf: self.meta.url)))
        } catch let error as DecodingError {
            throw PipelineError(Self.renamed(error.inFile(self.meta.url.path).description, self.meta))
        } catch {
            throw PipelineError("\(self.meta.file): cannot read the file (\(error.localizedDescription))")
        }
        do {
            return try ScoringPipeline(config: parsed.root, meta: meta, configFile: config.file)
        } catch {
            throw PipelineError(error.description)
        }
    }

    /// A message about a file copied out of the store names the file the user knows.
    private static func renamed(_ message: String, _ input: Input) -> String {
        input.url.path == input.file ? message : message.replacingOccurrences(of: input.url.path, with: input.file)
    }

    /// The decoded DocBin and the sha256 of its bytes, read once.
    static func docBin(_ input: Input, limits: InflateLimits) throws(PipelineError) -> (DocBin, String) {
        if let problem = RegularFile.problem(at: input.url.path) { throw PipelineError("\(input.file): \(problem)") }
        let data: Data
        do {
            data = try Data(contentsOf: input.url, options: .alwaysMapped)
        } catch {
            throw PipelineError("\(input.file): cannot read the file (\(error.localizedDescription))")
        }
        let decoded: Result<DocBin, DecodingError> = data.withUnsafeBytes { raw in
            Result { () throws(DecodingError) in try DocBin(bytes: raw, limits: limits) }
        }
        switch decoded {
        case .success(let docBin): return (docBin, SHA256.hex(data))
        case .failure(let error): throw PipelineError(renamed(error.inFile(input.url.path).description, input))
        }
    }
}
