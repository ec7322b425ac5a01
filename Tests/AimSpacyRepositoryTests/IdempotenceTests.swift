import AimSpacyBackendTestSupport
import AimSpacyModel
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Testing

@Suite struct IdempotenceTests {
    @Test(arguments: Backend.allCases)
    func insertingTheSameRunAgainChangesNothing(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let store = try repository.open()
        let first = try SampleRuns.ner(seed: 3, repository: store)
        #expect(try store.insert(first, replace: false, replacing: []) == .inserted)
        var again = first
        again.imported = first.imported.addingTimeInterval(600)
        again.name = "renamed meanwhile"
        #expect(try store.insert(again, replace: false, replacing: []) == .unchanged)
        #expect(try store.run(hash: first.hash) == first)
        #expect(try repository.runCount() == 1)
    }

    @Test(arguments: Backend.allCases)
    func replaceOverwritesTheRunWithTheSameHash(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let store = try repository.open()
        let first = try SampleRuns.ner(seed: 3, tags: ["old"], repository: store)
        try store.insert(first, replace: false, replacing: [])
        var updated = first
        updated.tags = ["new"]
        updated.series.removeLast()
        updated.renders = []
        updated.visualisations = []
        #expect(try store.insert(updated, replace: true, replacing: []) == .replaced([first.hash]))
        #expect(try store.run(hash: first.hash) == updated)
        #expect(try repository.renderCount() == 0)
    }

    @Test(arguments: Backend.allCases)
    func replacingRemovesTheEarlierImportOfAFolderInTheSameTransaction(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let store = try repository.open()
        let before = try SampleRuns.ner(seed: 1, name: "training", repository: store)
        let unrelated = try SampleRuns.ner(seed: 2, name: "other", repository: store)
        try store.insert(before, replace: false, replacing: [])
        try store.insert(unrelated, replace: false, replacing: [])
        let after = try SampleRuns.ner(seed: 11, name: "training", repository: store)
        #expect(try store.hashes(named: "training", experiment: "ner") == [before.hash])
        #expect(try store.hashes(named: "training", experiment: nil).isEmpty)
        #expect(try store.contains(hash: before.hash) && !(try store.contains(hash: after.hash)))
        #expect(try store.insert(after, replace: false, replacing: [before.hash]) == .replaced([before.hash]))
        #expect(Set(try store.hashes()) == [unrelated.hash, after.hash])
        // Without `replace`, a run already present stays, but the runs it replaces still go.
        #expect(try store.insert(after, replace: false, replacing: [unrelated.hash]) == .replaced([unrelated.hash]))
        #expect(try store.hashes() == [after.hash])
    }
}
