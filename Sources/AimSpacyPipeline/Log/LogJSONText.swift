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
            write(training, to: &out, emit: emit)
        }
        out += "]}".utf8
        emit(out)
    }

    private static func write(_ training: LoggedTraining, to out: inout [UInt8], emit: ([UInt8]) -> Void) {
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
                writeRows(training.rows, to: &out, emit: emit)
            } else {
                out += member.value.serializedUTF8()
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func writeRows(_ rows: [LogRow], to out: inout [UInt8], emit: ([UInt8]) -> Void) {
        guard !rows.isEmpty else {
            out += "[]".utf8
            return
        }
        // Rows are written independently: many are split among the cores, then emitted in order.
        let lanes = rows.count < 20_000 ? 1 : max(1, ProcessInfo.processInfo.activeProcessorCount)
        let pieces = Mutex<[Int: [UInt8]]>([:])
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            let range = rows.count * lane / lanes..<rows.count * (lane + 1) / lanes
            var piece: [UInt8] = []
            piece.reserveCapacity(range.count * 200)
            for index in range {
                if index > 0 { piece += ", ".utf8 }
                write(rows[index], to: &piece)
            }
            pieces.withLock { $0[lane] = piece }
        }
        out.append(UInt8(ascii: "["))
        emit(out)
        out.removeAll(keepingCapacity: true)
        let written = pieces.withLock { $0 }
        for lane in 0..<lanes { emit(written[lane] ?? []) }
        out.append(UInt8(ascii: "]"))
    }

    private static func write(_ row: LogRow, to out: inout [UInt8]) {
        out += #"{"epoch": "#.utf8
        out += String(row.epoch).utf8
        out += #", "step": "#.utf8
        out += String(row.step).utf8
        out += #", "losses": "#.utf8
        writeValues(row.losses, to: &out)
        out += #", "scores": "#.utf8
        writeValues(row.scores, to: &out)
        out += #", "score": "#.utf8
        row.score.appendValueRepr(to: &out)
        out.append(UInt8(ascii: "}"))
    }

    private static func writeValues(_ values: [LoggedValue], to out: inout [UInt8]) {
        guard !values.isEmpty else {
            out += "{}".utf8
            return
        }
        out.append(UInt8(ascii: "{"))
        for (index, value) in values.enumerated() {
            if index > 0 { out += ", ".utf8 }
            JSONValue.writeString(value.name, to: &out)
            out += ": ".utf8
            value.appendValueRepr(to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}
