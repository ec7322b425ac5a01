import AimSpacyModel
import AimSpacyPipeline
import AimSpacyTestSupport
import Foundation
import Testing

/// `aim-spacy log parse` end to end: the JSON shape scripts rely on, and one-line errors.
@Suite struct LogCommandTests {
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: String) {
        try AimSpacyBinary.runRaw(arguments)
    }

    @Test(arguments: [
        ("trainings/ner-aim/train.log", "logs/expected-rows.json", "../trainings/ner-aim/train.log"),
        ("logs/two-trainings.log", "logs/expected-rows.json", "two-trainings.log"),
    ])
    func jsonShapeAndValues(log: String, expectedFile: String, key: String) throws {
        let result = try Self.run(["log", "parse", Fixture.url(log).path, "--json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let trainings = try #require(object["trainings"] as? [[String: Any]])
        let expectedAll = try #require(
            try JSONSerialization.jsonObject(with: try Fixture.data(expectedFile)) as? [String: Any])
        let expected = try #require(expectedAll[key] as? [[String: Any]])
        #expect(trainings.count == expected.count)
        for (training, reading) in zip(trainings, expected) {
            #expect(training["pipeline"] is [String])
            #expect(training["complete"] as? Bool == true)
            let rows = try #require(training["rows"] as? [[String: Any]])
            let cells = try #require(reading["rows"] as? [[String]])
            let header = try #require(reading["header"] as? String)
            let scoreNames = header.split(separator: " ").filter { !$0.hasPrefix("LOSS") }
            #expect(rows.count == cells.count)
            for (row, printed) in zip(rows, cells) {
                #expect(Set(row.keys).isSuperset(of: ["epoch", "step", "losses", "scores", "score"]))
                #expect(row["epoch"] as? Int == Int(printed[0]))
                #expect(row["step"] as? Int == Int(printed[1]))
                let losses = try #require(row["losses"] as? [String: Double])
                let scores = try #require(row["scores"] as? [String: Double])
                #expect(losses.count + scores.count + 3 == printed.count)
                #expect(row["score"] as? Double == Double(printed[printed.count - 1]))
                // Scores print ×100 with two decimals; the JSON carries them on the 0–1 scale.
                for (name, value) in scores {
                    #expect(scoreNames.contains(Substring(name.uppercased())))
                    #expect(printed.contains(String(format: "%.2f", value * 100)))
                }
            }
        }
    }

    @Test func notALogIsOneLineOnStderr() throws {
        let path = Fixture.url("trainings/ner-aim/training/model-best/meta.json").path
        let result = try Self.run(["log", "parse", path])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix(path + ":1:1: error: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func aBrokenRowNamesFileLineAndColumn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aim-spacy-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = String(decoding: try Fixture.data("trainings/ner-aim/train.log"), as: UTF8.self)
        text = text.replacingOccurrences(of: "   1012.61", with: "   1012.6?")
        let file = directory.appendingPathComponent("broken.log")
        try Data(text.utf8).write(to: file)
        let result = try Self.run(["log", "parse", file.path, "--json"])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(file.path + ":14:"))
        #expect(result.stderr.contains("LOSS NER"))
    }
}

/// Series built from a decoded log: one point per row for every loss, score and the overall score.
@Suite struct LogSeriesTests {
    @Test(arguments: ["trainings/ner-aim/train.log", "trainings/spancat-jsonl/training/log.jsonl"])
    func onePointPerRowAndColumn(path: String) throws {
        let log = try LogParsing.parse(file: Fixture.url(path).path)
        let training = try #require(log.trainings.first)
        let series = training.metricSeries
        #expect(series.count == training.columns.count - 2)
        for one in series {
            #expect(one.points.map(\.step) == training.rows.map(\.step))
            #expect(one.points.map(\.epoch) == training.rows.map(\.epoch))
        }
        let losses = series.filter { $0.name == "loss" }
        #expect(losses.map { $0.contextDictionary["component"] ?? "" } == training.rows[0].losses.map(\.name))
        let score = try #require(series.first { $0.name == "score" && $0.context.isEmpty })
        #expect(score.points.map(\.value) == training.rows.map(\.score.value))
    }
}

/// The config facts `log parse --config` uses, against confection's reading of the same configs.
@Suite struct ConfigColumnsTests {
    @Test(arguments: ["ner", "parser", "spancat", "textcat"])
    func matchConfection(name: String) throws {
        let text = String(decoding: try Fixture.data("configs/\(name).cfg"), as: UTF8.self)
        let columns = try ConfigColumns.parse(text)
        let expected = try #require(
            try JSONSerialization.jsonObject(with: try Fixture.data("expected/config.configs.\(name).json"))
                as? [String: Any])
        let nlp = try #require(expected["nlp"] as? [String: Any])
        let training = try #require(expected["training"] as? [String: Any])
        let weights = try #require(training["score_weights"] as? [String: Any])
        #expect(columns.pipeline == nlp["pipeline"] as? [String])
        #expect(Set(columns.scoreWeights) == Set(weights.filter { !($0.value is NSNull) }.keys))
    }

    /// In config order, as spaCy itself lists them (`manifest.json`, from `load_model_from_config`).
    @Test(arguments: [("logs/v1-bar-terminal.cfg", "v1-bar-terminal.log"), ("logs/v2-long-name.cfg", "v2-long-name-terminal.log")])
    func inSpaCysOrder(config: String, log: String) throws {
        let columns = try ConfigColumns.parse(String(decoding: try Fixture.data(config), as: UTF8.self))
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: try Fixture.data("logs/manifest.json")) as? [String: Any])
        let facts = try #require(manifest[log] as? [String: Any])
        #expect(columns.pipeline == facts["pipeline"] as? [String])
        #expect(columns.scoreWeights == facts["score_weights"] as? [String])
    }
}
