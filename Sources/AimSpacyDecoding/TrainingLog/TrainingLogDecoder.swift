import AimSpacyModel

/// Decodes a training log of either kind, recognised by content (`TrainingLogFormat.detect`).
public enum TrainingLogDecoder {
    /// Logs larger than this are refused, with this limit named, instead of read: a log is decoded
    /// from memory and its rows take about as much again.
    public static let largestLog = 512 << 20

    /// How much of a file's head recognises a log too large to read (`TrainingLogFormat.detect`).
    public static let sniffedHead = 1 << 20

    /// The log's format and trainings, or `nil` when the bytes are not a training log.
    /// - Parameters:
    ///   - pipeline: the config's `nlp.pipeline`, when known.
    ///   - scoreWeights: the config's `training.score_weights` keys with non-null weights, in order.
    public static func decode(
        _ bytes: UnsafeRawBufferPointer, pipeline: [String]? = nil, scoreWeights: [String]? = nil
    ) throws(DecodingError) -> (format: TrainingLogFormat, log: TrainingLog)? {
        switch TrainingLogFormat.detect(bytes) {
        case .console?: return (.console, try ConsoleLog.parse(bytes, pipeline: pipeline, scoreWeights: scoreWeights))
        case .jsonl?: return (.jsonl, try ConsoleLogJSONL.parse(bytes, pipeline: pipeline))
        case nil: return nil
        }
    }

    /// The log's format and trainings, or `nil` when the bytes are not a training log.
    public static func decode(_ bytes: [UInt8], pipeline: [String]? = nil, scoreWeights: [String]? = nil)
        throws(DecodingError) -> (format: TrainingLogFormat, log: TrainingLog)?
    {
        let result: Result<(format: TrainingLogFormat, log: TrainingLog)?, DecodingError> = bytes.withUnsafeBytes {
            buffer in
            Result { () throws(DecodingError) in try decode(buffer, pipeline: pipeline, scoreWeights: scoreWeights) }
        }
        return try result.get()
    }
}
