import AimSpacyModel
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Testing

@Suite struct RoundTripTests {
    @Test func runReadsBackEqualToWhatWasWritten() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = try RunRepository(directory: directory.url)
        let written = try SampleRuns.ner(seed: 4, tags: ["baseline", "gpu"], repository: repository)
        #expect(try repository.insert(written) == .inserted)
        let read = try #require(try repository.run(hash: written.hash))
        #expect(read == written)
        #expect(read.series.count == 7)
        #expect(read.steps == 12)
        #expect(try repository.run(hash: "0000") == nil)
    }

    @Test func aRunWithoutOptionalPartsRoundTrips() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = try RunRepository(directory: directory.url)
        let written = Run(hash: "abc123", name: "bare", created: Date(timeIntervalSince1970: 0), imported: Date(timeIntervalSince1970: 1))
        try repository.insert(written)
        #expect(try repository.run(hash: "abc123") == written)
    }

    /// `NamedScore`/`MetricPoint` compare NaN as unequal, so NaN is checked value by value.
    @Test func nanAndNullScoresStayDistinct() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = try RunRepository(directory: directory.url)
        var run = Run(hash: "nan", name: "nan", created: Date(timeIntervalSince1970: 0), imported: Date(timeIntervalSince1970: 0))
        run.finalScores = [FinalScores(model: "model-best", scores: [NamedScore(name: "a", value: .nan), NamedScore(name: "b", value: nil), NamedScore(name: "c", value: -.infinity)])]
        run.series = [MetricSeries(name: "loss", points: [MetricPoint(step: 0, epoch: 0, value: .nan), MetricPoint(step: 1, epoch: 0, value: 2.5)])]
        try repository.insert(run)
        let read = try #require(try repository.run(hash: "nan"))
        let scores = try #require(read.finalScores.first).scores
        #expect(scores.map(\.name) == ["a", "b", "c"])
        #expect(scores[0].value?.isNaN == true)
        #expect(scores[1].value == nil)
        #expect(scores[2].value == -.infinity)
        #expect(read.series.first?.points.first?.value.isNaN == true)
        #expect(read.series.first?.points.last == MetricPoint(step: 1, epoch: 0, value: 2.5))
    }

    @Test func rendersAreStoredOnceForAllRuns() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = try RunRepository(directory: directory.url)
        // Seeds 0 and 2 render the same markup (it depends on seed % 2).
        let first = try SampleRuns.ner(seed: 0, repository: repository)
        let second = try SampleRuns.ner(seed: 2, repository: repository)
        try repository.insert(first)
        try repository.insert(second)
        #expect(try repository.renderCount() == 3)
        #expect(try repository.run(hash: second.hash) == second)
    }

    @Test func insertRefusesARunWhoseObjectsAreMissing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = try RunRepository(directory: directory.url)
        let run = try SampleRuns.ner(seed: 1, repository: nil)
        #expect(throws: RepositoryError.self) { try repository.insert(run) }
        #expect(try repository.hashes().isEmpty)
    }
}
