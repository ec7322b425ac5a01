import AimSpacyDecoding
import AimSpacyModel
import Foundation
import Synchronization

extension LogParsing {
    /// The `--json` output as UTF-8, byte for byte `json(log).serialized()`, written row by row
    /// without building the tree (a training's rows are most of a log).
    public static func jsonText(_ log: TrainingLog) -> [UInt8] {
        var text: [UInt8] = []
        writeJSON(log) { text += $0 }
        return text
    }

    /// `jsonText` given to `emit` in pieces (the rows as the cores wrote them), so that the whole
    /// text is never joined in memory.
    public static func writeJSON(_ log: TrainingLog, to emit: ([UInt8]) -> Void) {
        var out: [UInt8] = []
        out += #"{"trainings": ["#.utf8
        for (index, training) in log.trainings.enumerated() {
            if index > 0 { out += ", ".utf8 }
            write(training, rows: rowPieces(training.rows), to: &out, emit: emit)
        }
        out += "]}".utf8
        emit(out)
    }

    /// The `--json` output of the log at `path`, as `writeJSON(parse(file:))` writes it; a JSONL log's
    /// rows are transcoded from its lines (`ConsoleLogJSONL.jsonRows`) instead of built. Nothing is
    /// emitted before the whole log is read, so a broken log writes nothing.
    public static func writeJSON(
        file path: String, pipeline: [String]? = nil, scoreWeights: [String]? = nil, to emit: ([UInt8]) -> Void
    ) throws {
        let data = try readBytes(path)
        let isJSONL = data.withUnsafeBytes { TrainingLogFormat.detect($0) == .jsonl }
        guard isJSONL else {
            writeJSON(try parse(file: path, pipeline: pipeline, scoreWeights: scoreWeights), to: emit)
            return
        }
        let result: Result<(training: LoggedTraining, rows: [[UInt8]])?, DecodingError> = data.withUnsafeBytes { raw in
            Result { () throws(DecodingError) in try ConsoleLogJSONL.jsonRows(raw, pipeline: pipeline) }
        }
        let decoded: (training: LoggedTraining, rows: [[UInt8]])?
        do { decoded = try result.get() } catch { throw error.inFile(path) }
        var out: [UInt8] = []
        out += #"{"trainings": ["#.utf8
        if let decoded { write(decoded.training, rows: decoded.rows, to: &out, emit: emit) }
        out += "]}".utf8
        emit(out)
    }

    /// A training's members in `json(training)` order, its rows given as pieces of `--json` rows.
    private static func write(_ training: LoggedTraining, rows: [[UInt8]], to out: inout [UInt8], emit: ([UInt8]) -> Void) {
        let whole = json(LoggedTraining(
            pipeline: training.pipeline, columns: training.columns, rows: [], complete: training.complete,
            initialLearnRate: training.initialLearnRate, frozenComponents: training.frozenComponents,
            outputDirectory: training.outputDirectory, outputFile: training.outputFile, line: training.line))
        guard case .object(let members) = whole else { return }
        out.append(UInt8(ascii: "{"))
        for (index, member) in members.enumerated() {
            if index > 0 { out += ", ".utf8 }
            JSONValue.writeString(member.key, to: &out)
            out += ": ".utf8
            if member.key == "rows" {
                out.append(UInt8(ascii: "["))
                emit(out)
                out.removeAll(keepingCapacity: true)
                for (index, piece) in rows.enumerated() {
                    if index > 0 { emit(Array(", ".utf8)) }
                    emit(piece)
                }
                out.append(UInt8(ascii: "]"))
            } else {
                out += member.value.serializedUTF8()
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    /// The rows written independently: many are split among the cores, in order.
    private static func rowPieces(_ rows: [LogRow]) -> [[UInt8]] {
        guard !rows.isEmpty else { return [] }
        let lanes = rows.count < 20_000 ? 1 : max(1, ProcessInfo.processInfo.activeProcessorCount)
        let pieces = Mutex<[Int: [UInt8]]>([:])
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            let range = rows.count * lane / lanes..<rows.count * (lane + 1) / lanes
            var piece: [UInt8] = []
            piece.reserveCapacity(range.count * 200)
            for index in range {
                if index > range.lowerBound { piece += ", ".utf8 }
                rows[index].appendJSON(to: &piece)
            }
            pieces.withLock { $0[lane] = piece }
        }
        let written = pieces.withLock { $0 }
        return (0..<lanes).compactMap { written[$0] }.filter { !$0.isEmpty }
    }
}
