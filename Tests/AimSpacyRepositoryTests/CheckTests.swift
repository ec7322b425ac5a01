import AimSpacyModel
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import GRDB
import Testing

@Suite struct CheckTests {
    @Test func aFreshlyFilledRepositoryIsClean() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = try RunRepository(directory: directory.url)
        try repository.insert(try SampleRuns.ner(seed: 1, tags: ["baseline", "gpu"], repository: repository))
        try repository.insert(try SampleRuns.ner(seed: 2, repository: repository))
        #expect(try repository.check() == CheckReport())
    }

    @Test func orphansAndMissingObjectsAreReportedAndFixRemovesOrphans() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = try RunRepository(directory: directory.url)
        let run = try SampleRuns.ner(seed: 1, repository: repository)
        try repository.insert(run)
        // An import killed after storing its objects, before its transaction committed.
        let orphan = try repository.objects.storeObject(data: Data("left behind".utf8))
        let temporary = repository.objects.root.appendingPathComponent("tmp/partial")
        try Data("half".utf8).write(to: temporary)
        // A referenced object deleted by hand.
        let lost = run.sources[1]
        try repository.objects.remove(lost.sha256)
        // A render no run shows (e.g. written by hand or an older version).
        let queue = try DatabaseQueue(path: directory.url.appendingPathComponent(RunRepository.databaseName).path)
        try queue.write { db in try db.execute(sql: "INSERT INTO renders (id, style, markup) VALUES ('dead', 'ent', '<div></div>')") }
        try queue.close()

        let report = try repository.check()
        #expect(report.orphanObjects == [orphan])
        #expect(report.missingObjects == ["\(lost.sha256) (run \(run.hash), \(lost.path))"])
        #expect(report.orphanRenders == ["dead"])
        #expect(report.temporaryFiles == [temporary.path])
        #expect(report.integrityProblems.isEmpty)
        #expect(!report.isClean)

        let fixed = try repository.check(fix: true)
        #expect(fixed.removed == ["object \(orphan)", "temporary file \(temporary.path)", "render dead"])
        #expect(fixed.missingObjects.count == 1)
        let after = try repository.check()
        #expect(after.orphanObjects.isEmpty && after.orphanRenders.isEmpty && after.temporaryFiles.isEmpty)
        #expect(after.missingObjects.count == 1)
        #expect(try repository.run(hash: run.hash) == run)
    }

    @Test func seriesWhosePointsDoNotDecodeOrDisagreeWithTheirCountAreReported() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = try RunRepository(directory: directory.url)
        let run = try SampleRuns.ner(seed: 1, repository: repository)
        try repository.insert(run)
        let queue = try DatabaseQueue(path: directory.url.appendingPathComponent(RunRepository.databaseName).path)
        try queue.write { db in
            try db.execute(
                sql: "UPDATE series SET points = substr(points, 1, length(points) - 3) WHERE run = ? AND ord = 0",
                arguments: [run.hash])
            try db.execute(sql: "UPDATE series SET count = count + 1 WHERE run = ? AND ord = 1", arguments: [run.hash])
        }
        try queue.close()

        let report = try repository.check()
        #expect(report.malformedSeries.count == 2)
        #expect(report.malformedSeries.first?.hasPrefix("run \(run.hash), series 0 (\(run.series[0].name)): packed points: ") == true)
        #expect(report.malformedSeries.last?.contains("but the series records") == true)
        #expect(report.integrityProblems.isEmpty)
        #expect(!report.isClean)
        #expect(throws: RepositoryError.self) { _ = try repository.run(hash: run.hash) }
    }

    @Test func aCorruptedDatabaseFailsTheIntegrityCheck() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = try RunRepository(directory: directory.url)
        try repository.insert(try SampleRuns.ner(seed: 1, repository: repository))
        let queue = try DatabaseQueue(path: directory.url.appendingPathComponent(RunRepository.databaseName).path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "INSERT INTO tags (run, ord, tag) VALUES ('no-such-run', 0, 'x')")
        }
        try queue.close()
        let report = try repository.check()
        #expect(report.integrityProblems.count == 1)
        #expect(report.integrityProblems.first?.contains("tags") == true)
    }
}

/// `check --fix` during an import: the import's objects are stored before its run commits, and the
/// writer lock makes the check wait for the commit instead of deleting them as orphans.
@Suite struct CheckDuringWriteTests {
    @Test func checkWaitsForTheWriteInProgress() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = try RunRepository(directory: directory.url)
        let (stored, storedSignal) = AsyncStream.makeStream(of: Void.self)
        let writer = Task.detached {
            try repository.whileWriting { () throws(RepositoryError) in
                let run: Run
                do { run = try SampleRuns.ner(seed: 7, repository: repository) } catch { throw RepositoryError("\(error)") }
                storedSignal.yield()
                Thread.sleep(forTimeInterval: 0.4)
                try repository.insert(run)
            }
        }
        for await _ in stored { break }
        let report = try repository.check(fix: true)
        try await writer.value
        #expect(report.removed.isEmpty)
        #expect(report.isClean)
        #expect(try repository.check() == CheckReport())
        #expect(try repository.summaries().count == 1)
    }
}
