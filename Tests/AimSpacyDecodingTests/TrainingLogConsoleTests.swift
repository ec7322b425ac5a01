import AimSpacyDecoding
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// The console table decoder against the real logs and the terminal recordings of `Fixtures/logs`,
/// checked against a plain-Python reading of the same files (`expected-rows.json`, made by
/// `scripts/make_log_fixtures.py`) and against the JSONL that the same trainings wrote.
@Suite struct TrainingLogConsoleTests {
    static let consoleLogs = [
        "trainings/ner-aim/train.log", "trainings/spancat-jsonl/train.log", "logs/v1-bar-terminal.log",
        "logs/v2-long-name-terminal.log", "logs/v3-train-bar-noisy-terminal.log", "logs/two-trainings.log",
        "logs/interrupted.log", "logs/aborted.log", "logs/edge-table.log", "logs/no-pretty.log", "logs/ascii-icons.log",
    ]

    /// Console logs with the JSONL their ConsoleLogger wrote in the same training.
    static let pairs = [
        ("trainings/spancat-jsonl/train.log", "trainings/spancat-jsonl/training/log.jsonl"),
        ("logs/v2-long-name-terminal.log", "logs/v2-long-name.jsonl"),
        ("logs/v3-train-bar-noisy-terminal.log", "logs/v3-train-bar-noisy.jsonl"),
        ("logs/interrupted.log", "logs/interrupted.jsonl"), ("logs/edge-table.log", "logs/edge-table.jsonl"),
    ]

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Fixture.data(path)) }

    /// `manifest.json` facts spaCy itself resolved for a fixture (pipeline, score weight keys, completeness).
    static func manifest(_ path: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: try Fixture.data("logs/manifest.json"))
        let all = try #require(object as? [String: Any])
        let name = path.hasPrefix("logs/") ? String(path.dropFirst(5)) : path
        return all[name] as? [String: Any] ?? [:]
    }

    /// The plain-Python reading: per training, the header line and the cells of every row.
    static func pythonReading(_ path: String) throws -> [(header: String, rows: [[String]])] {
        let object = try JSONSerialization.jsonObject(with: try Fixture.data("logs/expected-rows.json"))
        let all = try #require(object as? [String: Any])
        let key = path.hasPrefix("logs/") ? String(path.dropFirst(5)) : "../" + path
        let trainings = try #require(all[key] as? [[String: Any]], "no expected rows for \(key)")
        return try trainings.map { training in
            (try #require(training["header"] as? String), try #require(training["rows"] as? [[String]]))
        }
    }

    @Test(arguments: consoleLogs)
    func rowsMatchThePrintedCells(path: String) throws {
        let log = try ConsoleLog.parse(try Self.bytes(path))
        let expected = try Self.pythonReading(path)
        #expect(log.trainings.count == expected.count)
        for (training, reading) in zip(log.trainings, expected) {
            #expect(training.columns.map(\.header) == reading.header.split(separator: "  ").map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty })
            #expect(training.rows.count == reading.rows.count)
            for (row, cells) in zip(training.rows, reading.rows) {
                try #require(cells.count == training.columns.count)
                #expect(String(row.epoch) == cells[0])
                #expect(String(row.step) == cells[1])
                let values = row.losses + row.scores + [row.score]
                #expect(values.map(\.printed) == Array(cells[2...]))
                for (value, cell) in zip(values, cells[2...]) {
                    let printed = try #require(Double(cell))
                    let scaled = value.name == "speed" || value.name == "score" || row.losses.contains(value)
                        ? value.value : value.value * 100
                    #expect(abs(scaled - printed) <= 1e-9 * max(1, abs(printed)), "\(path) line \(row.line) \(value.name)")
                    #expect(value.decimals == 2)
                }
            }
        }
    }

    @Test(arguments: pairs)
    func consoleAgreesWithJSONLToTwoDecimals(console: String, jsonl: String) throws {
        let facts = try Self.manifest(console)
        let weights = facts["score_weights"] as? [String]
        let log = try ConsoleLog.parse(try Self.bytes(console), scoreWeights: weights)
        let lines = try ConsoleLogJSONL.parse(try Self.bytes(jsonl))
        let table = try #require(log.trainings.first)
        let written = try #require(lines.trainings.first)
        #expect(log.trainings.count == 1)
        #expect(table.rows.count == written.rows.count)
        #expect(table.columns.map(\.name) == written.columns.map(\.name))
        #expect(table.columns.allSatisfy { $0.resolved })
        for (printed, exact) in zip(table.rows, written.rows) {
            #expect(printed.epoch == exact.epoch)
            #expect(printed.step == exact.step)
            let a = printed.losses + printed.scores + [printed.score]
            let b = exact.losses + exact.scores + [exact.score]
            #expect(a.map(\.name) == b.map(\.name))
            for (shown, logged) in zip(a, b) {
                // The JSONL keeps what the table printed with {:.2f}: the same text when rounded to 2 decimals.
                let loggedPrinted = try #require(Double(logged.printed))
                #expect(String(format: "%.2f", loggedPrinted) == shown.printed, "step \(printed.step) \(shown.name)")
                let scale = shown.name == "speed" || printed.losses.contains(shown) || shown.name == "score" ? 1.0 : 100.0
                #expect(abs(shown.value - logged.value) * scale <= 0.005 + 1e-9)
            }
        }
    }

    @Test func completenessAndTrainings() throws {
        for path in Self.consoleLogs {
            let log = try ConsoleLog.parse(try Self.bytes(path))
            let facts = try Self.manifest(path)
            let count = facts["trainings"] as? Int ?? 1
            #expect(log.trainings.count == count, "\(path)")
            let complete = facts["complete"] as? Bool ?? true
            #expect(log.trainings.allSatisfy { $0.complete == complete }, "\(path)")
            if let pipeline = facts["pipeline"] as? [String] {
                #expect(log.trainings.first?.pipeline == pipeline, "\(path)")
            }
        }
    }

    /// Without icons (`WASABI_NO_PRETTY`) or with ASCII ones (`[i]`), the lines around the table still count.
    @Test(arguments: ["logs/no-pretty.log", "logs/ascii-icons.log"])
    func plainAndASCIIMessages(path: String) throws {
        let log = try ConsoleLog.parse(try Self.bytes(path))
        let training = try #require(log.trainings.first)
        #expect(training.pipeline == ["tok2vec", "ner"])
        #expect(training.initialLearnRate == "0.001")
        #expect(training.complete)
    }

    /// The output directory (`Saving to output directory:`, wrapped when long) is the one spaCy names
    /// in its closing lines: `{output}/model-last`.
    @Test(arguments: consoleLogs)
    func outputDirectoryMatchesTheClosingLine(path: String) throws {
        let bytes = try Self.bytes(path)
        let lines = bytes.split(separator: UInt8(ascii: "\n")).map {
            String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        for training in try ConsoleLog.parse(bytes).trainings where training.complete {
            guard let directory = training.outputDirectory else {
                #expect(!lines.contains { $0.contains("Saving to output directory") }, "\(path)")
                continue
            }
            #expect(lines.contains(directory + "/model-last"), "\(path): \(directory)")
        }
    }

    @Test func realNERLogLinesAround() throws {
        let log = try ConsoleLog.parse(try Self.bytes("trainings/ner-aim/train.log"))
        let training = try #require(log.trainings.first)
        #expect(training.pipeline == ["tok2vec", "ner"])
        #expect(training.initialLearnRate == "0.001")
        #expect(training.columns.map(\.kind) == [.epoch, .step, .loss, .loss, .score, .score, .score, .overall])
    }

    @Test(arguments: [
        "logs/v1-bar-terminal.log", "logs/v2-long-name-terminal.log", "logs/v3-train-bar-noisy-terminal.log",
        "logs/edge-table.log",
    ])
    func cutHeadersResolveToSpaCysNames(path: String) throws {
        let facts = try Self.manifest(path)
        let pipeline = try #require(facts["pipeline"] as? [String])
        let weights = try #require(facts["score_weights"] as? [String])
        let log = try ConsoleLog.parse(try Self.bytes(path), scoreWeights: weights)
        let training = try #require(log.trainings.first)
        let losses = training.columns.filter { $0.kind == .loss }.map(\.name)
        let scores = training.columns.filter { $0.kind == .score }.map(\.name)
        #expect(losses.allSatisfy(pipeline.contains))
        #expect(losses == pipeline.filter(losses.contains))
        #expect(scores == weights)
        #expect(training.columns.contains { $0.header.hasSuffix("...") })
        for column in training.columns where column.kind == .loss || column.kind == .score {
            let full = column.kind == .loss ? "Loss " + column.name : column.name
            #expect(ConsoleColumns.header(for: full) == column.header)
        }
    }

    @Test func aPipelineLineWrappedByWasabi() throws {
        let bytes = try Self.bytes("logs/v1-bar-terminal.log")
        let lines = bytes.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
        let pipelineLine = try #require(lines.first { $0.contains("Pipeline: [") })
        #expect(!pipelineLine.contains("]"), "the fixture's Pipeline line should wrap")
        let log = try ConsoleLog.parse(bytes)
        #expect(log.trainings.first?.pipeline == (try Self.manifest("logs/v1-bar-terminal.log"))["pipeline"] as? [String])
    }

    /// Frozen components are listed and get no loss column; names with quotes, hyphens and non-ASCII
    /// letters survive the wrapped `Pipeline:` repr.
    @Test func frozenAndUnusualNames() throws {
        let facts = try Self.manifest("logs/edge-table.log")
        let log = try ConsoleLog.parse(try Self.bytes("logs/edge-table.log"))
        let training = try #require(log.trainings.first)
        let frozen = try #require(facts["frozen"] as? [String])
        #expect(training.frozenComponents == frozen)
        #expect(training.pipeline == facts["pipeline"] as? [String])
        let losses = training.columns.filter { $0.kind == .loss }.map(\.name)
        #expect(losses == training.pipeline.filter { !frozen.contains($0) })
        #expect(training.columns.allSatisfy { $0.resolved })
    }

    @Test func unresolvableCutHeaderIsMarked() throws {
        let columns = ConsoleColumns.resolve(
            headers: ["E", "#", "LOSS ENTIT...", "MY_CUSTOM_...", "SCORE"], pipeline: nil, scoreWeights: nil)
        #expect(columns.map(\.resolved) == [true, true, false, false, true])
        let resolved = ConsoleColumns.resolve(
            headers: ["E", "#", "LOSS ENTIT...", "MY_CUSTOM_...", "SCORE"], pipeline: ["tok2vec", "entity_recognizer_long"],
            scoreWeights: ["my_custom_score_f"])
        #expect(resolved.map(\.name) == ["epoch", "step", "entity_recognizer_long", "my_custom_score_f", "score"])
    }
}
