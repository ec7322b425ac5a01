@testable import AimSpacyExport
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// TensorBoard event files, read back by the real `tensorboard` package.
@Suite(.enabled(if: ReferencePython.enabled("tensorboard"), "needs a Python with tensorboard (AIM_SPACY_TEST_PYTHON)"))
struct TensorBoardExportTests {
    /// Each fixture training, imported as a user imports it, exported and read by TensorBoard.
    @Test(arguments: FixtureRuns.trainings)
    func fixtureTrainingReadsBack(training: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let runs = try await FixtureRuns.load(into: directory.url)
        let run = try #require(runs[training])
        let out = directory.url.appendingPathComponent("tb")
        let report = TensorBoardExport.export([run], to: out)
        #expect(report.failures.isEmpty)
        let outcome = try #require(report.outcomes.first)
        #expect(outcome.status == .created)
        #expect(outcome.points == run.series.reduce(0) { $0 + $1.points.count } + ExportedRun(run).metrics.count - run.series.count)
        let reading = try TensorBoardReading(directory: out, hparamsTab: true)
        try reading.expectMatches(run, folder: outcome.folder, experimentRuns: [run])
        try reading.expectHParamsTab([(run, outcome.folder)])
    }

    /// The names: a component's loss is `loss.<component>`, per-label finals `table.label.metric`.
    @Test func namesOfTheNERTraining() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let run = try #require(try await FixtureRuns.load(into: directory.url)["ner-aim"])
        let names = Set(ExportedRun(run).metrics.map(\.name))
        #expect(names.contains("loss.ner"))
        #expect(names.contains("ents_f"))
        #expect(names.contains("final.ents_f"))
        let table = try #require(run.finalScores.first { $0.model == "model-best" }?.perLabel.first { $0.name == "ents_per_type" })
        for row in table.rows {
            #expect(names.contains("ents_per_type.\(row.label).f"))
        }
    }

    /// Random runs with awkward names, labels and values, several at once (one experiment record
    /// for all), read back by TensorBoard.
    @Test(arguments: [UInt64(1), 2])
    func randomRunsReadBack(seed: UInt64) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var generator = SplitMix64(seed: seed)
        let runs = (0..<4).map { RandomRuns.make(index: $0, using: &generator) }
        let report = TensorBoardExport.export(runs, to: directory.url)
        #expect(report.failures.isEmpty)
        #expect(Set(report.outcomes.map(\.folder)).count == runs.count)
        let reading = try TensorBoardReading(directory: directory.url, hparamsTab: seed == 1)
        for (run, outcome) in zip(runs, report.outcomes) {
            try reading.expectMatches(run, folder: outcome.folder, experimentRuns: runs)
        }
        if seed == 1 { try reading.expectHParamsTab(Array(zip(runs, report.outcomes.map(\.folder)))) }
    }

    /// The same runs give the same bytes; a second export changes nothing; a file the tool did not
    /// write is left alone while the other runs are still written.
    @Test func deterministicAndSafe() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var generator = SplitMix64(seed: 9)
        let runs = (0..<3).map { RandomRuns.make(index: $0, using: &generator) }
        let first = TensorBoardExport.files(for: runs)
        #expect(first.map(\.bytes) == TensorBoardExport.files(for: runs).map(\.bytes))

        let foreign = directory.url.appendingPathComponent(first[1].path)
        try FileManager.default.createDirectory(at: foreign.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("not ours".utf8).write(to: foreign)

        let report = TensorBoardExport.export(runs, to: directory.url)
        #expect(report.outcomes.map(\.status) == [.created, .created])
        #expect(report.failures.map(\.place) == [foreign.path])
        #expect(try Data(contentsOf: foreign) == Data("not ours".utf8))
        try FileManager.default.removeItem(at: foreign)

        let again = TensorBoardExport.export(runs, to: directory.url)
        #expect(again.outcomes.map(\.status) == [.unchanged, .created, .unchanged])
        for file in first {
            #expect(try Data(contentsOf: directory.url.appendingPathComponent(file.path)) == Data(file.bytes))
        }

        var changed = runs
        changed[0].complete.toggle()
        #expect(TensorBoardExport.export(changed, to: directory.url).outcomes.map(\.status) == [.replaced, .unchanged, .unchanged])
    }
}
