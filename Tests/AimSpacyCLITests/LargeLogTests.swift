import AimSpacyDecoding
import AimSpacyModel
import AimSpacyPipeline
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Testing

/// Logs past `TrainingLogDecoder.largestLog` are recognised from their head and refused with the
/// limit named, by `log parse` and by `import` (never "no training log found"). The files are sparse:
/// a real log's head, then zeros up to past the limit, so the test writes a few KB.
@Suite struct LargeLogTests {
    static func sparseLog(from fixture: String, at url: URL) throws {
        try Fixture.data(fixture).write(to: url)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(TrainingLogDecoder.largestLog) + 1)
        try handle.close()
    }

    @Test(arguments: ["trainings/ner-aim/train.log", "trainings/spancat-jsonl/training/log.jsonl"])
    func logParseRefusesWithTheLimit(fixture: String) throws {
        let sandbox = try ImportSandbox()
        defer { sandbox.remove() }
        let file = sandbox.root.appendingPathComponent("big.log")
        try Self.sparseLog(from: fixture, at: file)
        let result = try AimSpacyBinary.run(["log", "parse", file.path, "--json"])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(file.path + ": "))
        #expect(result.stderr.contains("larger than the \(TrainingLogDecoder.largestLog >> 20) MiB"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func importNamesTheLimitAndStillImportsTheOtherTraining() throws {
        let sandbox = try ImportSandbox()
        defer { sandbox.remove() }
        let big = try sandbox.copyTraining("ner-aim")
        try Self.sparseLog(from: "trainings/ner-aim/train.log", at: big.appendingPathComponent("train.log"))
        let other = try sandbox.copyTraining("spancat-jsonl")
        let result = try AimSpacyBinary.run(["import", big.path, other.path, "--repo", sandbox.repo.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains(big.appendingPathComponent("train.log").path))
        #expect(result.stderr.contains("larger than the \(TrainingLogDecoder.largestLog >> 20) MiB"))
        #expect(!result.stderr.contains("no training log found"))
        #expect(try sandbox.repository().hashes().count == 1)
    }
}

/// The `--json` text written row by row is byte for byte the serialized JSON tree (whose number and
/// string forms are checked against Python elsewhere), for every fixture log.
@Suite struct LogJSONTextTests {
    static let logs = [
        "trainings/ner-aim/train.log", "trainings/spancat-jsonl/training/log.jsonl", "logs/two-trainings.log",
        "logs/edge-table.log", "logs/edge-table.jsonl", "logs/v1-bar-terminal.log", "logs/interrupted.log",
        "logs/interrupted.jsonl", "logs/v3-train-bar-noisy.jsonl", "logs/v3-train-bar-noisy-terminal.log",
        "logs/aborted.log", "logs/ascii-icons.log", "logs/no-pretty.log",
    ]

    @Test(arguments: logs)
    func sameBytesAsTheTree(path: String) throws {
        let log = try LogParsing.parse(file: Fixture.url(path).path)
        #expect(LogParsing.jsonText(log) == LogParsing.json(log).serializedUTF8())
    }

    /// The file's `--json` (JSONL rows transcoded from their lines) is the tree of the parsed log.
    @Test(arguments: logs)
    func fileSameBytesAsTheTree(path: String) throws {
        let file = Fixture.url(path).path
        var text: [UInt8] = []
        try LogParsing.writeJSON(file: file) { text += $0 }
        #expect(text == LogParsing.json(try LogParsing.parse(file: file)).serializedUTF8())
    }

    @Test func valuesNotShortEnoughForTheFastReprStillMatch() {
        let values = [LoggedValue(name: "a", value: 0.1 + 0.2, printed: "0.30000000000000004", decimals: 17),
                      LoggedValue(name: "b", value: .nan, printed: "nan", decimals: 0),
                      LoggedValue(name: "c", value: 1e-7, printed: "1e-05", decimals: 0),
                      LoggedValue(name: "d", value: -0.0, printed: "-0.00", decimals: 2)]
        let row = LogRow(epoch: 1, step: 2, losses: values, scores: values, score: values[0], line: 3)
        let log = TrainingLog(trainings: [LoggedTraining(pipeline: ["ner"], columns: [], rows: [row, row], complete: false, line: 1)])
        #expect(LogParsing.jsonText(log) == LogParsing.json(log).serializedUTF8())
    }
}
