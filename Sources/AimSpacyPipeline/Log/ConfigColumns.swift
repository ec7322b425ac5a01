import AimSpacyDecoding
import AimSpacyModel

/// What the log decoders need from a training's `config.cfg`: `nlp.pipeline` and the keys of
/// `training.score_weights` whose weight is not null, in config order.
///
/// This reads only those two places, line by line (section headers, `key = JSON value`), without
/// interpolation. When the full config decoder (`Sources/AimSpacyDecoding/Config/`) is available, read
/// the two lists from its interpolated tree instead; callers only see `ConfigColumns`.
public struct ConfigColumns: Sendable, Equatable {
    public var pipeline: [String]
    public var scoreWeights: [String]

    public init(pipeline: [String], scoreWeights: [String]) {
        self.pipeline = pipeline
        self.scoreWeights = scoreWeights
    }

    /// Reads the two lists from the config file at `path`.
    public static func read(file path: String) throws -> ConfigColumns {
        let bytes = try LogParsing.readBytes(path)
        do {
            return try parse(String(decoding: bytes, as: UTF8.self))
        } catch let error as DecodingError {
            throw error.inFile(path)
        }
    }

    /// Reads the two lists from config text.
    public static func parse(_ text: String) throws -> ConfigColumns {
        var section = ""
        var pipeline: [String]?
        var weights: [String] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingSuffix { $0 == "\r" || $0 == " " }
            if line.hasPrefix("[") {
                section = String(line.dropFirst().prefix { $0 != "]" })
                continue
            }
            guard section == "nlp" || section == "training.score_weights",
                let equals = line.firstIndex(of: "="), !line.hasPrefix(" "), !line.hasPrefix("#")
            else { continue }
            let key = line[..<equals].trimmingSuffix { $0 == " " }
            let valueText = line[line.index(after: equals)...].drop { $0 == " " }
            let value = try? JSONValue.parse(String(valueText))
            if section == "nlp", key == "pipeline" {
                guard case .array(let items)? = value, items.allSatisfy({ $0.stringValue != nil }) else {
                    throw DecodingError(
                        location: .text(line: index + 1, column: line.distance(from: line.startIndex, to: equals) + 3),
                        message: "expected a JSON list of component names for nlp.pipeline")
                }
                pipeline = items.compactMap(\.stringValue)
            } else if section == "training.score_weights", value != .null, valueText != "None" {
                weights.append(String(key))
            }
        }
        guard let pipeline else {
            throw DecodingError(location: .text(line: 1, column: 1), message: "expected [nlp] with a pipeline list")
        }
        return ConfigColumns(pipeline: pipeline, scoreWeights: weights)
    }
}

extension Substring {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var result = self
        while let last = result.last, predicate(last) { result = result.dropLast() }
        return result
    }
}
