import AimSpacyDecoding
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// Cut and flipped logs: a value or a located error, never a crash.
@Suite struct TrainingLogRobustnessTests {
    @Test(arguments: TrainingLogConsoleTests.consoleLogs)
    func consoleLogs(path: String) throws {
        let bytes = [UInt8](try Fixture.data(path))
        let full = try ConsoleLog.parse(bytes)
        let rows = full.trainings.map(\.rows.count).reduce(0, +)
        for input in Mutations.truncations(bytes) {
            do {
                let log = try ConsoleLog.parse(input)
                #expect(log.trainings.map(\.rows.count).reduce(0, +) <= rows)
                #expect(log.trainings.count <= full.trainings.count)
            } catch {
                #expect(Mutations.isLocated(error), "\(error)")
            }
        }
        for input in Mutations.flips(bytes) {
            do {
                _ = try ConsoleLog.parse(input)
            } catch {
                #expect(Mutations.isLocated(error), "\(error)")
            }
            _ = TrainingLogFormat.detect(input)
        }
    }

    @Test(arguments: TrainingLogJSONLTests.files)
    func jsonlLogs(path: String) throws {
        let bytes = [UInt8](try Fixture.data(path))
        for input in Mutations.truncations(bytes) + Mutations.flips(bytes) {
            do {
                _ = try ConsoleLogJSONL.parse(input)
            } catch {
                #expect(Mutations.isLocated(error), "\(error)")
            }
            _ = TrainingLogFormat.detect(input)
        }
    }

    @Test func aBadCellIsLocatedAtItsColumn() throws {
        let bytes = [UInt8](try Fixture.data("trainings/ner-aim/train.log"))
        let needle = Array("1012.61".utf8)
        let offset = try #require(
            (0...(bytes.count - needle.count)).first { bytes[$0..<$0 + needle.count].elementsEqual(needle) })
        var broken = bytes
        broken[offset + 5] = UInt8(ascii: "x")
        let line = bytes[..<offset].filter { $0 == UInt8(ascii: "\n") }.count + 1
        let lineStart = (bytes[..<offset].lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        #expect(throws: DecodingError.self) { try ConsoleLog.parse(broken) }
        do {
            _ = try ConsoleLog.parse(broken)
        } catch {
            #expect(error.location == .text(line: line, column: offset - lineStart + 1))
            #expect(error.message.contains("LOSS NER"))
        }
    }

    /// A log cut inside a row (a training killed mid-write) keeps the whole rows before it, incomplete.
    @Test(arguments: TrainingLogConsoleTests.consoleLogs)
    func cutInsideTheLastRow(path: String) throws {
        let bytes = [UInt8](try Fixture.data(path))
        let full = try ConsoleLog.parse(bytes)
        let training = try #require(full.trainings.last)
        guard let last = training.rows.last else { return }
        var lineStart = 0
        var line = 1
        while line < last.line, let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
            lineStart = newline + 1
            line += 1
        }
        let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        let cut = try ConsoleLog.parse(Array(bytes[..<(lineStart + (lineEnd - lineStart) / 2)]))
        let cutTraining = try #require(cut.trainings.last)
        #expect(cutTraining.rows == Array(training.rows.dropLast()))
        #expect(!cutTraining.complete)
        // At any cut inside the row, the row is either whole or left out: no value is read from a cut cell.
        for end in lineStart..<lineEnd {
            let rows = try #require(try ConsoleLog.parse(Array(bytes[..<end])).trainings.last).rows
            #expect(rows == training.rows || rows == Array(training.rows.dropLast()), "cut at \(end)")
        }
    }

    @Test func aRowWithAMissingCellIsLocated() throws {
        var text = String(decoding: try Fixture.data("trainings/spancat-jsonl/train.log"), as: UTF8.self)
        text = text.replacingOccurrences(of: "  0     100          0.13", with: "  0     100")
        #expect(throws: DecodingError.self) { try ConsoleLog.parse(Array(text.utf8)) }
    }
}

/// Random inputs made of the pieces a log is built from (headers, rows, bars, escapes, list reprs):
/// every decoder answers with a value or a located error.
@Suite struct TrainingLogRandomInputTests {
    static let pieces: [String] = [
        "E    #       LOSS TOK2VEC  LOSS NER  ENTS_F  SCORE \n", "---  ------  ------------  --------  ------  ------\n",
        "  0       0          0.00     50.58    0.00    0.00\n", "  1     200   12345.68   -0.00   nan  inf\n",
        "\u{1B}[38;5;4mℹ Pipeline: ['tok2vec', 'ner']\u{1B}[0m\n", "ℹ Pipeline: ['a', \"it's\",\n", "'b\\x41\\u00fc']\n",
        "[i] Frozen components: [\n", "✔ Saved pipeline to output directory\n", "\r", "\r\n", "\u{1B}[", "\u{1B}]0;t\u{07}",
        "Epoch 1:  25%|██▌  | 1/4 [00:00<?, ?it/s]", "{\"epoch\":0,\"step\":0,\"losses\":{\"ner\":1.0},\"scores\":{},\"score\":0.5}\n",
        "{\"epoch\":", "1e309", "  0", "  ", "'", "\"", "[", "]", "\\", "\u{FF}", "LOSS TEXTC...  ", "-----",
        "<figure style=\"margin-bottom: 6rem\">", "</figure>", "<div class=\"entities\">x</div>", "<svg>", "<h2>t</h2>",
    ]

    @Test(arguments: 0..<8)
    func randomLogsNeverCrash(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &* 7919)
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int.random(in: 1...40, using: &random) {
                text += Self.pieces.randomElement(using: &random) ?? ""
            }
            var bytes = Array(text.utf8)
            if !bytes.isEmpty, Bool.random(using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            check { () throws(DecodingError) in _ = try ConsoleLog.parse(bytes) }
            check { () throws(DecodingError) in _ = try ConsoleLogJSONL.parse(bytes) }
            check { () throws(DecodingError) in _ = try TrainingLogDecoder.decode(bytes) }
            check { () throws(DecodingError) in _ = try PipelineMetaDecoder.decode(bytes) }
            check { () throws(DecodingError) in _ = try EvaluationMetricsDecoder.decode(bytes) }
            check { () throws(DecodingError) in _ = try DisplacyPageDecoder.decode(bytes) }
        }
    }

    func check(_ decode: () throws(DecodingError) -> Void) {
        do {
            try decode()
        } catch {
            #expect(Mutations.isLocated(error), "\(error)")
        }
    }
}
