import AimSpacyModel
import Foundation
import Synchronization

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
        var complete = true
        for part in try eachPiece(bytes, { piece, firstLine throws(DecodingError) in try Self.rows(in: piece, firstLine: firstLine) }) {
            if rows.isEmpty { rows = part.rows } else { rows += part.rows }
            complete = part.complete
        }
        guard let first = rows.first else { return TrainingLog(trainings: []) }
        let names = pipeline ?? first.losses.map(\.name)
        return TrainingLog(trainings: [
            LoggedTraining(pipeline: names, columns: columns(for: first), rows: rows, complete: complete, line: first.line)
        ])
    }

    /// `body` over each piece of the log (`pieces`) on every core, as lines are independent; the results
    /// in the pieces' order, and the error of the first piece that failed.
    static func eachPiece<T: Sendable>(
        _ bytes: UnsafeRawBufferPointer, _ body: @Sendable (UnsafeRawBufferPointer, Int) throws(DecodingError) -> T
    ) throws(DecodingError) -> [T] {
        let pieces = self.pieces(bytes)
        nonisolated(unsafe) let whole = bytes
        let results = Mutex<[Int: Result<T, DecodingError>]>([:])
        DispatchQueue.concurrentPerform(iterations: pieces.count) { index in
            let piece = pieces[index]
            let result = Result { () throws(DecodingError) in
                try body(UnsafeRawBufferPointer(rebasing: whole[piece.range]), piece.firstLine)
            }
            results.withLock { $0[index] = result }
        }
        var parts = results.withLock { $0 }
        var ordered: [T] = []
        ordered.reserveCapacity(pieces.count)
        for index in pieces.indices {
            if let part = try parts.removeValue(forKey: index)?.get() { ordered.append(part) }
        }
        return ordered
    }

    /// Below this size a log is read in one piece.
    static let pieceSize = 4 << 20

    /// The log cut after a newline into about one piece per core, each with the number of its first line.
    static func pieces(_ bytes: UnsafeRawBufferPointer) -> [(range: Range<Int>, firstLine: Int)] {
        let count = min(ProcessInfo.processInfo.activeProcessorCount, bytes.count / pieceSize)
        guard count > 1, let base = bytes.baseAddress else { return [(0..<bytes.count, 1)] }
        var pieces: [(range: Range<Int>, firstLine: Int)] = []
        var start = 0
        var line = 1
        for index in 1...count {
            var end = bytes.count
            if index < count, let newline = memchr(base + index * bytes.count / count, 0x0A, bytes.count - index * bytes.count / count) {
                end = UnsafeRawPointer(newline) - base + 1
            }
            guard end > start else { continue }
            pieces.append((start..<end, line))
            var position = start
            while position < end, let newline = memchr(base + position, 0x0A, end - position) {
                line += 1
                position = UnsafeRawPointer(newline) - base + 1
            }
            start = end
        }
        return pieces
    }

    /// The rows of whole lines, the first numbered `firstLine`; `complete` is false when the last line
    /// is cut short (the end of a log still being written).
    static func rows(in bytes: UnsafeRawBufferPointer, firstLine: Int) throws(DecodingError)
        -> (rows: [LogRow], complete: Bool)
    {
        var rows: [LogRow] = []
        var lines = JSONLLines(bytes, firstLine: firstLine)
        var reader = ConsoleLogJSONLRowReader()
        while let (line, lineNumber, terminated) = lines.next() {
            if let row = reader.row(line, number: lineNumber) {
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
                if !terminated { return (rows, false) }
                throw DecodingError(error, line: lineNumber)
            }
            rows.append(try row(value, line: lineNumber))
        }
        return (rows, true)
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
