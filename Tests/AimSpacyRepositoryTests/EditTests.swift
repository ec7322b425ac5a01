import AimSpacyBackendTestSupport
import AimSpacyModel
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Testing

@Suite struct EditTests {
    @Test(arguments: Backend.allCases)
    func runsAreFoundByHashPrefixOrNameAndAmbiguityListsCandidates(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let store = try repository.open()
        let a = try SampleRuns.ner(seed: 1, name: "twin", repository: store)
        let b = try SampleRuns.ner(seed: 2, name: "twin", repository: store)
        let c = try SampleRuns.ner(seed: 3, name: "single", repository: store)
        for run in [a, b, c] { try store.insert(run, replace: false, replacing: []) }
        #expect(try store.resolve(a.hash) == a.hash)
        #expect(try store.resolve(String(b.hash.prefix(10))) == b.hash)
        #expect(try store.resolve("single") == c.hash)
        #expect {
            _ = try store.resolve("twin")
        } throws: { error in
            let message = (error as? RepositoryError)?.message ?? ""
            return message.contains("ambiguous") && message.contains(String(a.hash.prefix(12))) && message.contains(String(b.hash.prefix(12)))
        }
        #expect(throws: RepositoryError.self) { _ = try store.resolve("nobody") }
        #expect(throws: RepositoryError.self) { _ = try store.resolve("%") }
    }

    @Test(arguments: Backend.allCases)
    func tagUntagAndRenameChangeOnlyWhatTheySay(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let store = try repository.open()
        let run = try SampleRuns.ner(seed: 5, tags: ["baseline"], repository: store)
        try store.insert(run, replace: false, replacing: [])
        try store.tag(run.hash, with: ["gpu", "baseline", "best"])
        try store.untag(run.hash, removing: ["gpu", "never-there"])
        try store.rename(run.hash, to: "ner-final")
        var expected = run
        expected.tags = ["baseline", "best"]
        expected.name = "ner-final"
        #expect(try store.run(hash: run.hash) == expected)
        #expect(throws: RepositoryError.self) { try store.rename(run.hash, to: "") }
        #expect(throws: RepositoryError.self) { try store.tag("0000", with: ["x"]) }
    }

    @Test(arguments: Backend.allCases)
    func removingRunsDropsTheirRowsAndRendersButKeepsOthers(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let store = try repository.open()
        let a = try SampleRuns.ner(seed: 0, repository: store)
        let b = try SampleRuns.ner(seed: 1, repository: store)
        let c = try SampleRuns.ner(seed: 2, repository: store)
        for run in [a, b, c] { try store.insert(run, replace: false, replacing: []) }
        #expect(try repository.renderCount() == 6)
        try store.remove(hashes: [b.hash])
        #expect(try repository.renderCount() == 3)
        try store.remove(hashes: [a.hash])
        #expect(try repository.renderCount() == 3)
        #expect(try store.run(hash: c.hash) == c)
        #expect(try store.hashes() == [c.hash])
        #expect(throws: RepositoryError.self) { try store.remove(hashes: [c.hash, a.hash]) }
        #expect(try store.hashes() == [c.hash])
    }
}
