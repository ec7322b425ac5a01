/// The JSON form of a prediction set in `show --json` and archives: `model`, `gold`, `docs`, `scores` first
/// (what scripts read), then what an archive needs to bring the set back: `predicted`, `gold_sha256`,
/// `predicted_sha256`, `doc_errors`.
extension PredictionSet {
    public var jsonValue: JSONValue {
        .object([
            ("model", .string(model)), ("gold", .string(gold)), ("docs", .int(docs)), ("scores", scores),
            ("predicted", .string(predicted)), ("gold_sha256", .string(goldSHA256)),
            ("predicted_sha256", .string(predictedSHA256)), ("doc_errors", .array(docErrors.map(JSONValue.int))),
        ])
    }

    init(json reader: JSONReader) throws(RunJSONError) {
        self.init(
            model: try reader.string("model"), gold: try reader.string("gold"), goldSHA256: try reader.string("gold_sha256"),
            predicted: try reader.string("predicted"), predictedSHA256: try reader.string("predicted_sha256"),
            docs: try reader.int("docs"), scores: try reader.member("scores"),
            docErrors: try reader.child("doc_errors").items().map { item throws(RunJSONError) in try item.intValue() }
        )
    }
}
