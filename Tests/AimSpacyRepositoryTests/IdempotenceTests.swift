import AimSpacyModel
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Testing

@Suite struct IdempotenceTests {
    @Test func insertingTheSameRunAgainChangesNothing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = try RunRepository(directory: directory.url)
        let first = try SampleRuns.ner(seed: 3, repository: repository)
        #expect(try repository.insert(first) == .inserted)
        var again = first
        again.imported = first.imported.addingTimeInterval(600)
        again.name = "renamed meanwhile"
        #expect(try repository.insert(again) == .unchanged)
        #expect(try repository.run(hash: first.hash) == first)
        #expect(try repository.runCount() == 1)
    }

    @Test func replaceOverwritesTheRunWithTheSameHash() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = try RunRepository(directory: directory.url)
        let first = try SampleRuns.ner(seed: 3, tags: ["old"], repository: repository)
        try repository.insert(first)
        var updated = first
        updated.tags = ["new"]
        updated.series.removeLast()
        updated.renders = []
        updated.visualisations = []
        #expect(try repository.insert(updated, replace: true) == .replaced([first.hash]))
        #expect(try repository.run(hash: first.hash) == updated)
        #expect(try repository.renderCount() == 0)
    }

    @Test func replacingRemovesTheEarlierImportOfAFolderInTheSameTransaction() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = try RunRepository(directory: directory.url)
        let before = try SampleRuns.ner(seed: 1, name: "training", repository: repository)
        let unrelated = try SampleRuns.ner(seed: 2, name: "other", repository: repository)
        try repository.insert(before)
        try repository.insert(unrelated)
        let after = try SampleRuns.ner(seed: 11, name: "training", repository: repository)
        #expect(try repository.hashes(named: "training", experiment: "ner") == [before.hash])
        #expect(try repository.hashes(named: "training", experiment: nil).isEmpty)
        #expect(try repository.contains(hash: before.hash) && !(try repository.contains(hash: after.hash)))
        #expect(try repository.insert(after, replacing: [before.hash]) == .replaced([before.hash]))
        #expect(Set(try repository.hashes()) == [unrelated.hash, after.hash])
        // Without `replace`, a run already present stays, but the runs it replaces still go.
        #expect(try repository.insert(after, replacing: [unrelated.hash]) == .replaced([unrelated.hash]))
        #expect(try repository.hashes() == [after.hash])
    }
}
