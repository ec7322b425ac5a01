import AimSpacyModel

/// Decodes the JSON `spacy evaluate --output F` writes: the whole `nlp.evaluate()` dict.
public enum EvaluationMetricsDecoder {
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(DecodingError) -> EvaluationMetrics {
        let json: JSONValue
        do {
            json = try JSONValue.parse(bytes)
        } catch {
            throw DecodingError(error)
        }
        guard case .object(let members) = json else {
            throw DecodingError(location: .text(line: 1, column: 1), message: "expected a JSON object of scores")
        }
        do {
            let (scores, tables) = try ScoreTables.split(members, path: "")
            return EvaluationMetrics(json: json, scores: scores, perLabel: tables)
        } catch {
            let path = String(error.path.drop { $0 == "." })
            throw DecodingError(location: JSONLocation.locate(path, in: bytes), message: "expected \(error.expected) at \(path)")
        }
    }

    public static func decode(_ bytes: [UInt8]) throws(DecodingError) -> EvaluationMetrics {
        let result: Result<EvaluationMetrics, DecodingError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(DecodingError) in try decode(buffer) }
        }
        return try result.get()
    }
}
