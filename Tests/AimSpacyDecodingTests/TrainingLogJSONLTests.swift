import AimSpacyDecoding
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// The ConsoleLogger v2/v3 JSONL decoder, checked line by line against Foundation's JSON parser.
@Suite struct TrainingLogJSONLTests {
    static let files = [
        "trainings/spancat-jsonl/training/log.jsonl", "logs/v2-long-name.jsonl", "logs/v3-train-bar-noisy.jsonl",
        "logs/interrupted.jsonl", "logs/edge-table.jsonl",
    ]

    @Test(arguments: files)
    func everyLineIsARowOnSpaCysScale(path: String) throws {
        let data = try Fixture.data(path)
        let log = try ConsoleLogJSONL.parse([UInt8](data))
        let training = try #require(log.trainings.first)
        let lines = data.split(separator: UInt8(ascii: "\n"))
        #expect(training.rows.count == lines.count)
        #expect(training.complete)
        for (row, line) in zip(training.rows, lines) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            #expect(row.epoch == object["epoch"] as? Int)
            #expect(row.step == object["step"] as? Int)
            let losses = try #require(object["losses"] as? [String: Double])
            let scores = try #require(object["scores"] as? [String: Double])
            #expect(Set(row.losses.map(\.name)) == Set(losses.keys))
            #expect(Set(row.scores.map(\.name)) == Set(scores.keys))
            for loss in row.losses { #expect(loss.value == losses[loss.name]) }
            for score in row.scores {
                let raw = try #require(scores[score.name])
                let expected = score.name == "speed" ? raw : raw / 100
                #expect(abs(score.value - expected) <= 1e-12 * max(1, abs(expected)), "\(score.name)")
            }
            #expect(row.score.value == object["score"] as? Double)
        }
        #expect(training.pipeline == training.rows.first?.losses.map(\.name))
    }

    @Test func scalingIsDecimalNotBinary() throws {
        let line = #"{"epoch":0,"step":0,"losses":{"ner":1.0},"scores":{"ents_f":54.55,"speed":1234.5},"score":0.55}"#
        let log = try ConsoleLogJSONL.parse(Array((line + "\n").utf8))
        let row = try #require(log.trainings.first?.rows.first)
        #expect(row.score("ents_f") == Double("0.5455"))
        #expect(row.score("speed") == 1234.5)
    }

    @Test func aCutLastLineEndsTheTrainingIncomplete() throws {
        let data = [UInt8](try Fixture.data("trainings/spancat-jsonl/training/log.jsonl"))
        let full = try ConsoleLogJSONL.parse(data)
        let cut = try ConsoleLogJSONL.parse(Array(data.dropLast(20)))
        let training = try #require(cut.trainings.first)
        #expect(!training.complete)
        #expect(training.rows.count == (full.trainings.first?.rows.count ?? 0) - 1)
    }

    @Test func aBrokenLineIsLocated() throws {
        var text = String(decoding: try Fixture.data("logs/v2-long-name.jsonl"), as: UTF8.self)
        let second = try #require(text.split(separator: "\n").dropFirst().first)
        let broken = second.replacingOccurrences(of: "\"step\":", with: "\"step\" ")
        text = text.replacingOccurrences(of: second, with: broken)
        let column = try #require(broken.range(of: "\"step\" ")).upperBound.utf16Offset(in: broken) + 1
        #expect(throws: DecodingError.self) { try ConsoleLogJSONL.parse(Array(text.utf8)) }
        do {
            _ = try ConsoleLogJSONL.parse(Array(text.utf8))
        } catch {
            #expect(error.location == .text(line: 2, column: column))
        }
    }
}
