import AimSpacyModel
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Testing

@Suite struct EditTests {
    @Test func runsAreFoundByHashPrefixOrNameAndAmbiguityListsCandidates() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = try RunRepository(directory: directory.url)
        let a = try SampleRuns.ner(seed: 1, name: "twin", repository: repository)
        let b = try SampleRuns.ner(seed: 2, name: "twin", repository: repository)
        let c = try SampleRuns.ner(seed: 3, name: "single", repository: repository)
        for run in [a, b, c] { try repository.insert(run) }
        #expect(try repository.resolve(a.hash) == a.hash)
        #expect(try repository.resolve(String(b.hash.prefix(10))) == b.hash)
        #expect(try repository.resolve("single") == c.hash)
        #expect {
            _ = try repository.resolve("twin")
        } throws: { error in
            let message = (error as? RepositoryError)?.message ?? ""
            return message.contains("ambiguous") && message.contains(String(a.hash.prefix(12))) && message.contains(String(b.hash.prefix(12)))
        }
        #expect(throws: RepositoryError.self) { _ = try repository.resolve("nobody") }
        #expect(throws: RepositoryError.self) { _ = try repository.resolve("%") }
    }

    @Test func tagUntagAndRenameChangeOnlyWhatTheySay() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = try RunRepository(directory: directory.url)
        let run = try SampleRuns.ner(seed: 5, tags: ["baseline"], repository: repository)
        try repository.insert(run)
        try repository.tag(run.hash, with: ["gpu", "baseline", "best"])
        try repository.untag(run.hash, removing: ["gpu", "never-there"])
        try repository.rename(run.hash, to: "ner-final")
        var expected = run
        expected.tags = ["baseline", "best"]
        expected.name = "ner-final"
        #expect(try repository.run(hash: run.hash) == expected)
        #expect(throws: RepositoryError.self) { try repository.rename(run.hash, to: "") }
        #expect(throws: RepositoryError.self) { try repository.tag("0000", with: ["x"]) }
    }

    @Test func removingRunsDropsTheirRowsAndRendersButKeepsOthers() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = try RunRepository(directory: directory.url)
        let a = try SampleRuns.ner(seed: 0, repository: repository)
        let b = try SampleRuns.ner(seed: 1, repository: repository)
        let c = try SampleRuns.ner(seed: 2, repository: repository)
        for run in [a, b, c] { try repository.insert(run) }
        #expect(try repository.renderCount() == 6)
        try repository.remove(hashes: [b.hash])
        #expect(try repository.renderCount() == 3)
        try repository.remove(hashes: [a.hash])
        #expect(try repository.renderCount() == 3)
        #expect(try repository.run(hash: c.hash) == c)
        #expect(try repository.hashes() == [c.hash])
        #expect(throws: RepositoryError.self) { try repository.remove(hashes: [c.hash, a.hash]) }
        #expect(try repository.hashes() == [c.hash])
    }
}
