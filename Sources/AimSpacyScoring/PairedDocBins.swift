import AimSpacyDecoding
import AimSpacyModel

/// Scores a predicted DocBin against a gold DocBin, docs paired by position, as `Scorer(nlp).score` would with
/// `[Example(pred, gold) for pred, gold in zip(...)]` — after checking what spaCy would not: equal doc counts, equal
/// texts, and predictions that carry every annotation the pipeline's scorers read.
public struct PairedDocBins: Sendable {
    public var gold: DocBin
    public var predicted: DocBin
    /// File names for error messages.
    public var goldFile: String
    public var predictedFile: String

    public init(gold: DocBin, predicted: DocBin, goldFile: String, predictedFile: String) {
        self.gold = gold
        self.predicted = predicted
        self.goldFile = goldFile
        self.predictedFile = predictedFile
    }

    /// Docs decoded per step: each step's pairs are decoded on all cores, then scored in order.
    static let batchSize = 1024

    public func score(with pipeline: ScoringPipeline) throws(ScoringError) -> Scores {
        try score(with: pipeline) { _ in }
    }

    /// The scores, showing `observe` every pair as it is scored (e.g. to `ErrorAnalysis`), so one pass over the
    /// DocBins serves both.
    public func score(with pipeline: ScoringPipeline, observing observe: (Example) -> Void) throws(ScoringError) -> Scores {
        var scorer = Scorer(pipeline: pipeline)
        var annotated = Array(repeating: false, count: pipeline.components.count)
        var nonEmpty = false
        try forEachExample { example in
            if !example.predicted.tokens.isEmpty {
                nonEmpty = true
                for (c, component) in pipeline.components.enumerated() where !annotated[c] {
                    annotated[c] = component.scorer.isAnnotated(example.predicted)
                }
            }
            scorer.add(example)
            observe(example)
        }
        if nonEmpty, let c = annotated.firstIndex(of: false) {
            let component = pipeline.components[c]
            throw ScoringError(file: predictedFile,
                "no predicted doc has \(component.scorer.annotation), which the pipeline's component \(component.name) scores")
        }
        if let failure = scorer.unscorable {
            throw ScoringError(file: predictedFile, place: "doc \(failure.example)", "component \(failure.component): \(failure.reason)")
        }
        return scorer.scores
    }

    /// Calls `body` with every pair in order, after checking the doc counts, each pair's texts and alignment.
    func forEachExample(_ body: (Example) -> Void) throws(ScoringError) {
        guard gold.count == predicted.count else {
            let first = min(gold.count, predicted.count)
            let (file, doc, side) = gold.count > predicted.count ? (goldFile, gold, "gold") : (predictedFile, predicted, "predicted")
            let text = (try? doc.doc(at: first).text).map { Self.cut($0) } ?? "?"
            throw ScoringError(file: predictedFile, place: "doc \(first)",
                "\(predicted.count) predicted docs for \(gold.count) gold docs (\(goldFile)): the \(side) doc \(first) of \(file) \"\(text)\" has no partner")
        }
        var start = 0
        while start < gold.count {
            let range = start..<min(start + Self.batchSize, gold.count)
            let pairs = try decode(range)
            for (offset, (pred, ref)) in pairs.enumerated() {
                let i = range.lowerBound + offset
                guard Self.sameText(pred, ref) else {
                    throw ScoringError(file: predictedFile, place: "doc \(i)",
                        "the predicted text \"\(Self.cut(pred.text))\" differs from the gold text \"\(Self.cut(ref.text))\" (\(goldFile))")
                }
                guard let example = Example(predicted: pred, reference: ref) else {
                    throw ScoringError(file: predictedFile, place: "doc \(i)", "spaCy cannot align its tokens with the gold doc's (E949)")
                }
                body(example)
            }
            start = range.upperBound
        }
    }

    /// `pred.text == ref.text`, without building the texts when the tokens already agree.
    static func sameText(_ pred: Doc, _ ref: Doc) -> Bool {
        if pred.tokens.count == ref.tokens.count
            && pred.tokens.indices.allSatisfy({ pred.tokens[$0].text == ref.tokens[$0].text && pred.tokens[$0].whitespace == ref.tokens[$0].whitespace }) {
            return true
        }
        return pred.text == ref.text
    }

    /// The (predicted, gold) docs of `range`, decoded in parallel.
    private func decode(_ range: Range<Int>) throws(ScoringError) -> [(Doc, Doc)] {
        let results = ParallelDecode.map(range) { i -> Result<(Doc, Doc), ScoringError> in
            let pred: Doc, ref: Doc
            do throws(DecodingError) { pred = try predicted.doc(at: i) } catch { return .failure(ScoringError(error, file: predictedFile)) }
            do throws(DecodingError) { ref = try gold.doc(at: i) } catch { return .failure(ScoringError(error, file: goldFile)) }
            return .success((pred, ref))
        }
        var pairs: [(Doc, Doc)] = []
        pairs.reserveCapacity(results.count)
        for result in results {
            switch result {
            case .success(let pair): pairs.append(pair)
            case .failure(let error): throw error
            }
        }
        return pairs
    }

    /// A text cut to 60 characters, with newlines shown as `\n`, for one error line.
    public static func cut(_ text: String) -> String {
        let flat = text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\n")
        return flat.count > 60 ? String(flat.prefix(57)) + "..." : flat
    }
}

extension ScoringError {
    /// A decoding failure of `file`, located as the decoder located it.
    init(_ error: DecodingError, file: String) {
        let place: String
        switch error.location {
        case .text(let line, let column): place = "\(line):\(column)"
        case .binary(let offset, let path): place = path.isEmpty ? "byte \(offset)" : "byte \(offset) (\(path))"
        case .none: place = ""
        }
        self.init(file: error.file ?? file, place: place, error.message)
    }
}
