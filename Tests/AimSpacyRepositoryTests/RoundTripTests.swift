import AimSpacyBackendTestSupport
import AimSpacyModel
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Testing

@Suite struct RoundTripTests {
    @Test(arguments: Backend.allCases)
    func runReadsBackEqualToWhatWasWritten(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let store = try repository.open()
        let written = try SampleRuns.ner(seed: 4, tags: ["baseline", "gpu"], repository: store)
        #expect(try store.insert(written, replace: false, replacing: []) == .inserted)
        let read = try #require(try store.run(hash: written.hash))
        #expect(read == written)
        #expect(read.series.count == 7)
        #expect(read.steps == 12)
        #expect(try store.run(hash: "0000") == nil)
    }

    @Test(arguments: Backend.allCases)
    func aRunWithoutOptionalPartsRoundTrips(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let store = try repository.open()
        let written = Run(hash: "abc123", name: "bare", created: Date(timeIntervalSince1970: 0), imported: Date(timeIntervalSince1970: 1))
        try store.insert(written, replace: false, replacing: [])
        #expect(try store.run(hash: "abc123") == written)
    }

    /// `NamedScore`/`MetricPoint` compare NaN as unequal, so NaN is checked value by value.
    @Test(arguments: Backend.allCases)
    func nanAndNullScoresStayDistinct(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let store = try repository.open()
        var run = Run(hash: "nan", name: "nan", created: Date(timeIntervalSince1970: 0), imported: Date(timeIntervalSince1970: 0))
        run.finalScores = [FinalScores(model: "model-best", scores: [NamedScore(name: "a", value: .nan), NamedScore(name: "b", value: nil), NamedScore(name: "c", value: -.infinity)])]
        run.series = [MetricSeries(name: "loss", points: [MetricPoint(step: 0, epoch: 0, value: .nan), MetricPoint(step: 1, epoch: 0, value: 2.5)])]
        try store.insert(run, replace: false, replacing: [])
        let read = try #require(try store.run(hash: "nan"))
        let scores = try #require(read.finalScores.first).scores
        #expect(scores.map(\.name) == ["a", "b", "c"])
        #expect(scores[0].value?.isNaN == true)
        #expect(scores[1].value == nil)
        #expect(scores[2].value == -.infinity)
        #expect(read.series.first?.points.first?.value.isNaN == true)
        #expect(read.series.first?.points.last == MetricPoint(step: 1, epoch: 0, value: 2.5))
    }

    @Test(arguments: Backend.allCases)
    func rendersAreStoredOnceForAllRuns(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let store = try repository.open()
        // Seeds 0 and 2 render the same markup (it depends on seed % 2).
        let first = try SampleRuns.ner(seed: 0, repository: store)
        let second = try SampleRuns.ner(seed: 2, repository: store)
        try store.insert(first, replace: false, replacing: [])
        try store.insert(second, replace: false, replacing: [])
        #expect(try repository.renderCount() == 3)
        #expect(try store.run(hash: second.hash) == second)
    }

    @Test(arguments: Backend.allCases)
    func insertRefusesARunWhoseObjectsAreMissing(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let store = try repository.open()
        let run = try SampleRuns.ner(seed: 1, repository: nil)
        #expect(throws: RepositoryError.self) { try store.insert(run, replace: false, replacing: []) }
        #expect(try store.hashes().isEmpty)
    }
}
