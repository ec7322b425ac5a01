@testable import AimSpacyDecoding
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// The JSONL row reader's fast path gives the same rows as the general path (`JSONValue.parse` then
/// `ConsoleLogJSONL.row`) on the fixture lines and on lines with mutated numbers and keys; it never
/// reads a line the general path refuses.
@Suite struct TrainingLogJSONLFastPathTests {
    static func general(_ line: [UInt8], number: Int) -> Result<LogRow, DecodingError> {
        line.withUnsafeBytes { raw in
            Result { () throws(DecodingError) in
                let value: JSONValue
                do throws(JSONSyntaxError) { value = try JSONValue.parse(raw) } catch { throw DecodingError(error, line: number) }
                return try ConsoleLogJSONL.row(value, line: number)
            }
        }
    }

    static func fast(_ line: [UInt8], number: Int, reader: inout ConsoleLogJSONLRowReader) -> LogRow? {
        line.withUnsafeBytes { reader.row($0, number: number) }
    }

    /// Rows equal, NaN compared by bits.
    static func same(_ a: LogRow, _ b: LogRow) -> Bool {
        func values(_ x: [LoggedValue], _ y: [LoggedValue]) -> Bool {
            x.count == y.count && zip(x, y).allSatisfy {
                $0.name == $1.name && $0.value.bitPattern == $1.value.bitPattern && $0.printed == $1.printed
                    && $0.decimals == $1.decimals
            }
        }
        return a.epoch == b.epoch && a.step == b.step && a.line == b.line && values(a.losses, b.losses)
            && values(a.scores, b.scores) && values([a.score], [b.score])
    }

    @Test(arguments: TrainingLogJSONLTests.files)
    func fixtureLinesReadTheSameBothWays(path: String) throws {
        var reader = ConsoleLogJSONLRowReader()
        let lines = try Fixture.data(path).split(separator: UInt8(ascii: "\n")).map { Array($0) }
        for (index, line) in lines.enumerated() {
            let general = try Self.general(line, number: index + 1).get()
            // Only keys with escapes or non-ASCII letters (`textcat_\u00fcmlaut`) are left to the general path.
            guard let fast = Self.fast(line, number: index + 1, reader: &reader) else {
                #expect(line.contains(UInt8(ascii: "\\")) || line.contains { $0 >= 0x80 }, "\(path):\(index + 1)")
                continue
            }
            #expect(Self.same(fast, general), "\(path):\(index + 1)")
        }
    }

    /// Numbers of every shape (ints, exponents, long digits, NaN, -0), spacing, repeated and escaped keys,
    /// other key orders and broken syntax: whatever the fast path accepts, it reads as the general path.
    @Test func mutatedLinesReadTheSameOrFallBack() throws {
        let numbers = [
            "0", "-0", "7", "007", "1.5", "-0.0", "0.0952350177", "1e-05", "1.5E+3", "12345678901234567890",
            "4635.078914687", "0.000012345", "123456789.123456789", "NaN", "-Infinity", "1.", "\"3\"", "true", "-",
        ]
        let keys = ["tok2vec", "spancat", "spe\\u0065d", "speed", "tok2vec", "caf\u{E9}", "cafe\u{301}"]
        var random = SplitMix64(seed: 11)
        var reader = ConsoleLogJSONLRowReader()
        var fastRows = 0
        for number in 1...5_000 {
            func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
            let space = pick(["", " ", "\t"])
            func members(_ count: Int) -> String {
                (0..<count).map { _ in "\"\(pick(keys))\":\(space)\(pick(numbers))" }.joined(separator: ",\(space)")
            }
            var line = "{\"epoch\":\(space)\(pick(["0", "3", "-1", "1.0"])),\"step\":\(pick(["200", "0", "1e2"])),"
            line += "\"losses\":{\(members(Int(random.next() % 3)))},\(space)\"scores\":{\(members(Int(random.next() % 4)))},"
            line += "\"score\":\(pick(numbers))\(pick(["}", "} ", "}}", ""]))"
            if random.next() % 10 == 0 { line = line.replacingOccurrences(of: "\"step\"", with: "\"other\"") }
            let bytes = Array(line.utf8)
            let general = Self.general(bytes, number: number)
            if let fast = Self.fast(bytes, number: number, reader: &reader) {
                fastRows += 1
                let expected = try #require(try? general.get(), "fast path read a line the general path refuses: \(line)")
                #expect(Self.same(fast, expected), "\(line)")
            }
        }
        #expect(fastRows > 100)
    }
}

/// A large JSONL is read in pieces on every core: the same rows, line numbers and errors as in one piece.
@Suite struct TrainingLogJSONLPiecesTests {
    static func largeLog(copies: Int) throws -> [UInt8] {
        let lines = try Fixture.data("trainings/spancat-jsonl/training/log.jsonl")
        var bytes: [UInt8] = []
        while bytes.count < copies * ConsoleLogJSONL.pieceSize { bytes += lines }
        return bytes
    }

    @Test func piecesReadAsOne() throws {
        let bytes = try Self.largeLog(copies: 3)
        try bytes.withUnsafeBytes { raw in
            #expect(ConsoleLogJSONL.pieces(raw).count == min(3, ProcessInfo.processInfo.activeProcessorCount))
            let whole = try ConsoleLogJSONL.rows(in: raw, firstLine: 1)
            let log = try ConsoleLogJSONL.parse(raw)
            let training = try #require(log.trainings.first)
            #expect(training.rows == whole.rows)
            #expect(training.complete == whole.complete)
            #expect(training.rows.last?.line == bytes.count(where: { $0 == 0x0A }))
        }
    }

    @Test func anErrorNamesTheSameLineAsInOnePiece() throws {
        var bytes = try Self.largeLog(copies: 3)
        let at = bytes.count * 3 / 4
        let lineStart = (bytes[..<at].lastIndex(of: 0x0A) ?? -1) + 1
        bytes[lineStart] = UInt8(ascii: "[")
        let line = bytes[..<lineStart].count(where: { $0 == 0x0A }) + 1
        bytes.withUnsafeBytes { raw in
            #expect {
                _ = try ConsoleLogJSONL.parse(raw)
            } throws: { error in
                guard case .text(let found, _)? = (error as? DecodingError)?.location else { return false }
                return found == line
            }
        }
    }
}
