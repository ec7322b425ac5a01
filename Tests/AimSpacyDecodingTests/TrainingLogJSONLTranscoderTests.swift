@testable import AimSpacyDecoding
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// The JSONL transcoder writes a line's `--json` row with the same bytes as the general path (the row
/// read by `JSONValue.parse` then `ConsoleLogJSONL.row`, written by `LogRow.appendJSON`), on the
/// fixture lines and on mutated lines; it never writes a line the general path refuses.
@Suite struct TrainingLogJSONLTranscoderTests {
    static func general(_ line: [UInt8]) -> [UInt8]? {
        guard let row = try? TrainingLogJSONLFastPathTests.general(line, number: 1).get() else { return nil }
        var out: [UInt8] = []
        row.appendJSON(to: &out)
        return out
    }

    static func transcoded(_ line: [UInt8], transcoder: inout ConsoleLogJSONLTranscoder) -> [UInt8]? {
        var out = Array("prefix".utf8)
        let done = line.withUnsafeBytes { transcoder.append($0, to: &out) }
        guard done else {
            #expect(out == Array("prefix".utf8), "a refused line left bytes behind")
            return nil
        }
        return Array(out.dropFirst(6))
    }

    @Test(arguments: TrainingLogJSONLTests.files)
    func fixtureLinesWriteTheSameBothWays(path: String) throws {
        var transcoder = ConsoleLogJSONLTranscoder()
        let lines = try Fixture.data(path).split(separator: UInt8(ascii: "\n")).map { Array($0) }
        for (index, line) in lines.enumerated() {
            let general = try #require(Self.general(line), "\(path):\(index + 1)")
            // Keys with escapes or non-ASCII letters (`textcat_\u00fcmlaut`) are left to the general path.
            guard let fast = Self.transcoded(line, transcoder: &transcoder) else {
                #expect(line.contains(UInt8(ascii: "\\")) || line.contains { $0 >= 0x80 }, "\(path):\(index + 1)")
                continue
            }
            #expect(fast == general, "\(path):\(index + 1)")
        }
    }

    /// Numbers of every shape (ints, exponents, trailing zeros, long digits, NaN, -0), spacing, repeated
    /// and escaped keys, other key orders and broken syntax.
    @Test func mutatedLinesWriteTheSameOrFallBack() throws {
        let numbers = [
            "0", "-0", "7", "007", "1.5", "-0.0", "0.0952350177", "36.0332632849", "100.0", "2.50", "0.10", "1e-05",
            "1.5E+3", "12345678901234567890", "4635.078914687", "0.000012345", "0.0001", "123456789.123456789",
            "99.99999999", "1234567.5", "353404.4343053101", "-0.30000000000000004", "00.5", "0.12345678901234567890123",
            "1234567890123456789.5", "NaN", "-Infinity", "1.", "\"3\"", "true", "-",
        ]
        let keys = ["tok2vec", "spancat", "spe\\u0065d", "speed", "tok2vec", "ents_f", "caf\u{E9}", "a\"b", ""]
        var random = SplitMix64(seed: 11)
        var transcoder = ConsoleLogJSONLTranscoder()
        var fastRows = 0
        for _ in 1...20_000 {
            func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
            let space = pick(["", " ", "\t"])
            func members(_ count: Int) -> String {
                (0..<count).map { _ in "\"\(pick(keys))\":\(space)\(pick(numbers))" }.joined(separator: ",\(space)")
            }
            var line = "{\"epoch\":\(space)\(pick(["0", "3", "-1", "1.0", "007"])),\"step\":\(pick(["200", "0", "1e2"])),"
            line += "\"losses\":{\(members(Int(random.next() % 3)))},\(space)\"scores\":{\(members(Int(random.next() % 4)))},"
            line += "\"score\":\(pick(numbers))\(pick(["}", "} ", "}}", ""]))"
            if random.next() % 10 == 0 { line = line.replacingOccurrences(of: "\"step\"", with: "\"other\"") }
            let bytes = Array(line.utf8)
            if let fast = Self.transcoded(bytes, transcoder: &transcoder) {
                fastRows += 1
                let general = try #require(Self.general(bytes), "transcoded a line the general path refuses: \(line)")
                #expect(fast == general, "\(line)")
            }
        }
        #expect(fastRows > 200)
    }

    /// A whole log transcoded in pieces gives the same training and rows as `parse` written row by row.
    @Test(arguments: TrainingLogJSONLTests.files)
    func logsTranscodeAsParsed(path: String) throws {
        let bytes = try Fixture.data(path)
        try bytes.withUnsafeBytes { raw in
            let log = try ConsoleLogJSONL.parse(raw)
            let transcoded = try ConsoleLogJSONL.jsonRows(raw)
            guard let parsed = log.trainings.first else {
                #expect(transcoded == nil)
                return
            }
            let found = try #require(transcoded)
            var expected: [UInt8] = []
            for (index, row) in parsed.rows.enumerated() {
                if index > 0 { expected += ", ".utf8 }
                row.appendJSON(to: &expected)
            }
            #expect(Array(found.rows.joined(separator: ", ".utf8)) == expected)
            var header = parsed
            header.rows = []
            #expect(found.training == header)
        }
    }
}
