import AimSpacyDecoding
import AimSpacyModel
import Foundation

/// `aim-spacy log parse`: read a training log (console table or JSONL, recognised by content) and
/// describe its trainings.
public enum LogParsing {
    /// Decodes the log at `path`. `pipeline` and `scoreWeights` (the config's `nlp.pipeline` and the
    /// non-null `training.score_weights` keys, in order) resolve cut column names when given.
    public static func parse(file path: String, pipeline: [String]? = nil, scoreWeights: [String]? = nil) throws
        -> TrainingLog
    {
        let data = try readBytes(path)
        do {
            let result: Result<(format: TrainingLogFormat, log: TrainingLog)?, DecodingError> = data.withUnsafeBytes { raw in
                Result { () throws(DecodingError) in try TrainingLogDecoder.decode(raw, pipeline: pipeline, scoreWeights: scoreWeights) }
            }
            guard let decoded = try result.get() else {
                throw DecodingError(
                    location: .text(line: 1, column: 1),
                    message: "expected a spaCy training log (a console table with 'E    #' header, or ConsoleLogger JSONL)")
            }
            return decoded.log
        } catch let error as DecodingError {
            throw error.inFile(path)
        }
    }

    /// The `--json` output: `{"trainings": [{"pipeline", "complete", "rows": [{"epoch", "step", "losses",
    /// "scores", "score"}], "columns", "initial_learn_rate", "frozen_components", "output_directory",
    /// "output_file", "line"}]}`; scores on the
    /// 0–1 scale, keys in column order.
    public static func json(_ log: TrainingLog) -> JSONValue {
        .object([("trainings", .array(log.trainings.map(json)))])
    }

    static func json(_ training: LoggedTraining) -> JSONValue {
        let rows: [JSONValue] = training.rows.map { row in
            .object([
                ("epoch", .int(row.epoch)), ("step", .int(row.step)),
                ("losses", .object(row.losses.map { ($0.name, .double($0.value)) })),
                ("scores", .object(row.scores.map { ($0.name, .double($0.value)) })),
                ("score", .double(row.score.value)),
            ])
        }
        let columns: [JSONValue] = training.columns.map { column in
            .object([
                ("header", .string(column.header)), ("name", .string(column.name)), ("kind", .string(column.kind.rawValue)),
                ("resolved", .bool(column.resolved)),
            ])
        }
        return .object([
            ("pipeline", .array(training.pipeline.map { .string($0) })), ("complete", .bool(training.complete)),
            ("rows", .array(rows)), ("columns", .array(columns)),
            ("initial_learn_rate", training.initialLearnRate.map { .string($0) } ?? .null),
            ("frozen_components", .array(training.frozenComponents.map { .string($0) })),
            ("output_directory", training.outputDirectory.map { .string($0) } ?? .null),
            ("output_file", training.outputFile.map { .string($0) } ?? .null), ("line", .int(training.line)),
        ])
    }

    /// A readable summary: per training its pipeline, state, columns and the last and best rows.
    public static func summary(_ log: TrainingLog, file: String) -> String {
        guard !log.trainings.isEmpty else { return "\(file): no training table\n" }
        var out = ""
        for (index, training) in log.trainings.enumerated() {
            let state = training.complete ? "complete" : "incomplete"
            out += "training \(index + 1) of \(log.trainings.count) (\(file):\(training.line)): "
            out += "\(training.rows.count) rows, \(state)\n"
            out += "  pipeline: \(training.pipeline.joined(separator: ", "))\n"
            if let rate = training.initialLearnRate { out += "  initial learn rate: \(rate)\n" }
            if let directory = training.outputDirectory { out += "  output directory: \(directory)\n" }
            if let file = training.outputFile { out += "  results file: \(file)\n" }
            if !training.frozenComponents.isEmpty {
                out += "  frozen: \(training.frozenComponents.joined(separator: ", "))\n"
            }
            let named = training.columns.map { column -> String in
                let name = column.header == column.name ? column.name : "\(column.header) = \(column.name)"
                return column.resolved ? name : name + " (unresolved)"
            }
            out += "  columns: \(named.joined(separator: ", "))\n"
            if let last = training.rows.last {
                out += "  last: epoch \(last.epoch), step \(last.step), score \(last.score.printed)\n"
            }
            // spaCy's model-best is the last row with the highest score (a tie overwrites it).
            if let best = training.rows.reversed().max(by: { $0.score.value < $1.score.value }) {
                out += "  best: epoch \(best.epoch), step \(best.step), score \(best.score.printed)\n"
            }
        }
        return out
    }

    /// The file's bytes, mapped rather than copied; a log past the size limit is refused first.
    static func readBytes(_ path: String) throws -> Data {
        if let problem = RegularFile.problem(at: path) { throw PipelineError("\(path): error: \(problem)") }
        let url = URL(fileURLWithPath: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if let refusal = LogSizeLimit.refusal(url, size: size) { throw refusal }
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else {
            throw PipelineError("\(path): error: cannot read the file")
        }
        return data
    }
}
