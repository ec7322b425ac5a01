/// A saved pipeline's predictions on a gold corpus, scored as spaCy's `Scorer` scores them
/// (`aim-spacy import --predictions`, `aim-spacy predictions add`). The run keeps the scores and the
/// errors per doc; the two DocBins stay in the object store, where the report reads them back to show
/// what the model gets wrong. Attaching predictions never changes the run's hash.
public struct PredictionSet: Sendable, Equatable {
    /// The model folder whose `config.cfg` and `meta.json` scored them: `model-best`, `model-last`.
    public var model: String
    /// The gold DocBin, as shown: relative to the training folder when inside it.
    public var gold: String
    /// sha256 of the gold DocBin, lowercase hex; its name in the object store.
    public var goldSHA256: String
    /// The predicted DocBin, as shown: relative to the training folder when inside it, else its file name.
    public var predicted: String
    /// sha256 of the predicted DocBin, lowercase hex; its name in the object store.
    public var predictedSHA256: String
    /// The number of gold/predicted pairs.
    public var docs: Int
    /// What `aim-spacy score` prints with `--json`: spaCy's score object, in its key order.
    public var scores: JSONValue
    /// Errors in each doc, in doc order (wrong spans, tokens, arcs and categories together).
    public var docErrors: [Int]

    public init(
        model: String, gold: String, goldSHA256: String, predicted: String, predictedSHA256: String, docs: Int,
        scores: JSONValue, docErrors: [Int]
    ) {
        self.model = model
        self.gold = gold
        self.goldSHA256 = goldSHA256
        self.predicted = predicted
        self.predictedSHA256 = predictedSHA256
        self.docs = docs
        self.scores = scores
        self.docErrors = docErrors
    }
}

extension PredictionSet {
    /// How messages name a set: `model-best on corpus/dev.spacy`.
    public var label: String { "\(model) on \(gold)" }
}
