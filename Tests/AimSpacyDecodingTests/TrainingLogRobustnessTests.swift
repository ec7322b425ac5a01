import AimSpacyDecoding
import AimSpacyModel
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

    @Test func aRowWithAMissingCellIsLocated() throws {
        var text = String(decoding: try Fixture.data("trainings/spancat-jsonl/train.log"), as: UTF8.self)
        text = text.replacingOccurrences(of: "  0     100          0.13", with: "  0     100")
        #expect(throws: DecodingError.self) { try ConsoleLog.parse(Array(text.utf8)) }
    }
}
