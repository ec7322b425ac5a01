import AimSpacyModel
import Foundation

/// The JSONL that ConsoleLogger v2/v3 write to `output_file`: one object per evaluation with `epoch`,
/// `step`, `losses`, `scores` (×100 except `speed`) and `score`.
public enum ConsoleLogJSONL {
    /// Decodes the one training of a JSONL log. A last line cut short (the logger never flushes before
    /// `finalize`) ends the training as incomplete instead of failing.
    /// - Parameter pipeline: `nlp.pipeline` from the config, when known; otherwise the logged components.
    public static func parse(_ bytes: UnsafeRawBufferPointer, pipeline: [String]? = nil) throws(DecodingError)
        -> TrainingLog
    {
        var rows: [LogRow] = []
        var columns: [LogColumn] = []
        var complete = true
        var firstLine = 1
        var start = 0
        var lineNumber = 0
        var reader = ConsoleLogJSONLRowReader()
        while start < bytes.count {
            let end = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start)
                .map { UnsafeRawPointer($0) - UnsafeRawPointer(bytes.baseAddress!) } ?? bytes.count
            lineNumber += 1
            let terminated = end < bytes.count
            let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            start = end + 1
            if let row = reader.row(line, number: lineNumber) {
                if rows.isEmpty {
                    firstLine = lineNumber
                    columns = self.columns(for: row)
                }
                rows.append(row)
                continue
            }
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) {
                continue
            }
            let value: JSONValue
            do {
                value = try JSONValue.parse(line)
            } catch {
                if !terminated {
                    complete = false
                    break
                }
                throw DecodingError(error, line: lineNumber)
            }
            if rows.isEmpty { firstLine = lineNumber }
            let row = try self.row(value, line: lineNumber)
            if rows.isEmpty { columns = self.columns(for: row) }
            rows.append(row)
        }
        guard !rows.isEmpty else { return TrainingLog(trainings: []) }
        let names = pipeline ?? rows[0].losses.map(\.name)
        return TrainingLog(trainings: [
            LoggedTraining(pipeline: names, columns: columns, rows: rows, complete: complete, line: firstLine)
        ])
    }

    /// Decodes the one training of a JSONL log.
    public static func parse(_ bytes: [UInt8], pipeline: [String]? = nil) throws(DecodingError) -> TrainingLog {
        let result: Result<TrainingLog, DecodingError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(DecodingError) in try parse(buffer, pipeline: pipeline) }
        }
        return try result.get()
    }

    /// The columns spaCy's table would show for this row's keys.
    static func columns(for row: LogRow) -> [LogColumn] {
        [LogColumn(kind: .epoch, header: "E", name: "epoch"), LogColumn(kind: .step, header: "#", name: "step")]
            + row.losses.map { LogColumn(kind: .loss, header: ConsoleColumns.header(for: "Loss " + $0.name), name: $0.name) }
            + row.scores.map { LogColumn(kind: .score, header: ConsoleColumns.header(for: $0.name), name: $0.name) }
            + [LogColumn(kind: .overall, header: "SCORE", name: "score")]
    }

    static func row(_ value: JSONValue, line: Int) throws(DecodingError) -> LogRow {
        func fail(_ expected: String) -> DecodingError {
            DecodingError(location: .text(line: line, column: 1), message: "expected \(expected)")
        }
        guard case .object = value else { throw fail("a JSON object per line") }
        guard case .int(let epoch)? = value["epoch"] else { throw fail("an integer 'epoch'") }
        guard case .int(let step)? = value["step"] else { throw fail("an integer 'step'") }
        guard case .object(let lossMembers)? = value["losses"] else { throw fail("an object 'losses'") }
        guard case .object(let scoreMembers)? = value["scores"] else { throw fail("an object 'scores'") }
        guard let score = value["score"], let overall = logged("score", score, shift: 0) else {
            throw fail("a number 'score'")
        }
        var losses: [LoggedValue] = []
        for member in lossMembers {
            guard let loss = logged(member.key, member.value, shift: 0) else {
                throw fail("a number for losses.\(member.key)")
            }
            losses.append(loss)
        }
        var scores: [LoggedValue] = []
        for member in scoreMembers {
            guard let score = logged(member.key, member.value, shift: member.key == "speed" ? 0 : -2) else {
                throw fail("a number for scores.\(member.key)")
            }
            scores.append(score)
        }
        return LogRow(epoch: epoch, step: step, losses: losses, scores: scores, score: overall, line: line)
    }

    /// A JSON number as logged: its shortest decimal text (what ujson wrote, at most 10 decimals) scaled
    /// by 10^`shift` as a decimal.
    static func logged(_ name: String, _ value: JSONValue, shift: Int) -> LoggedValue? {
        let text: String
        switch value {
        case .int(let i): text = String(i)
        case .double(let d): text = JSONValue.pythonRepr(d)
        default: return nil
        }
        var copy = text
        let scaled: Double? = copy.withUTF8 { DecimalText.value(UnsafeRawBufferPointer($0), shift: shift) }
        let decimals: Int = copy.withUTF8 { DecimalText.decimals(UnsafeRawBufferPointer($0)) }
        guard let scaled else { return nil }
        return LoggedValue(name: name, value: scaled, printed: text, decimals: decimals)
    }
}
