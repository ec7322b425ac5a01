import AimSpacyBackendTestSupport
import AimSpacyModel
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import GRDB
import Testing

@Suite struct CheckTests {
    @Test(arguments: Backend.allCases)
    func aFreshlyFilledRepositoryIsClean(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let store = try repository.open()
        try store.insert(try SampleRuns.ner(seed: 1, tags: ["baseline", "gpu"], repository: store), replace: false, replacing: [])
        try store.insert(try SampleRuns.ner(seed: 2, repository: store), replace: false, replacing: [])
        #expect(try store.check(fix: false) == CheckReport())
    }

    @Test(arguments: Backend.allCases)
    func orphansAndMissingObjectsAreReportedAndFixRemovesOrphans(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let store = try repository.open()
        let run = try SampleRuns.ner(seed: 1, repository: store)
        try store.insert(run, replace: false, replacing: [])
        // An import killed after storing its objects, before its transaction committed.
        let orphan = try store.storeObject(data: Data("left behind".utf8))
        // A referenced object deleted by hand.
        let lost = run.sources[1]
        try repository.loseObject(lost.sha256)
        // A render no run shows (e.g. written by hand or an older version); and, in the file store
        // alone, the temporary file of an interrupted object write (PostgreSQL writes an object in
        // one transaction).
        var temporary: [String] = []
        switch backend {
        case .sqlite:
            let file = try RunRepository(directory: URL(fileURLWithPath: repository.repo)).objects.root.appendingPathComponent("tmp/partial")
            try Data("half".utf8).write(to: file)
            temporary = [file.path]
            let queue = try DatabaseQueue(path: URL(fileURLWithPath: repository.repo).appendingPathComponent(RunRepository.databaseName).path)
            try queue.write { db in try db.execute(sql: "INSERT INTO renders (id, style, markup) VALUES ('dead', 'ent', '<div></div>')") }
            try queue.close()
        case .postgres:
            try repository.psql("INSERT INTO aim_spacy.renders (id, style, markup) VALUES ('dead', 'ent', '<div></div>')")
        }

        let report = try store.check(fix: false)
        #expect(report.orphanObjects == [orphan])
        #expect(report.missingObjects == ["\(lost.sha256) (run \(run.hash), \(lost.path))"])
        #expect(report.orphanRenders == ["dead"])
        #expect(report.temporaryFiles == temporary)
        #expect(report.integrityProblems.isEmpty)
        #expect(!report.isClean)

        let fixed = try store.check(fix: true)
        #expect(fixed.removed == ["object \(orphan)"] + temporary.map { "temporary file \($0)" } + ["render dead"])
        #expect(fixed.missingObjects.count == 1)
        let after = try store.check(fix: false)
        #expect(after.orphanObjects.isEmpty && after.orphanRenders.isEmpty && after.temporaryFiles.isEmpty)
        #expect(after.missingObjects.count == 1)
        #expect(try store.run(hash: run.hash) == run)
    }

    @Test(arguments: Backend.allCases)
    func seriesWhosePointsDoNotDecodeOrDisagreeWithTheirCountAreReported(_ backend: Backend) throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let store = try repository.open()
        let run = try SampleRuns.ner(seed: 1, repository: store)
        try store.insert(run, replace: false, replacing: [])
        let cut = "UPDATE series SET points = substr(points, 1, length(points) - 3) WHERE run = '\(run.hash)' AND ord = 0"
        let miscount = "UPDATE series SET count = count + 1 WHERE run = '\(run.hash)' AND ord = 1"
        switch backend {
        case .sqlite:
            let queue = try DatabaseQueue(path: URL(fileURLWithPath: repository.repo).appendingPathComponent(RunRepository.databaseName).path)
            try queue.write { db in
                try db.execute(sql: cut)
                try db.execute(sql: miscount)
            }
            try queue.close()
        case .postgres:
            let inSchema = { (sql: String) in sql.replacingOccurrences(of: "UPDATE series", with: "UPDATE aim_spacy.series") }
            try repository.psql(inSchema(cut) + "; " + inSchema(miscount))
        }

        let report = try store.check(fix: false)
        #expect(report.malformedSeries.count == 2)
        #expect(report.malformedSeries.first?.hasPrefix("run \(run.hash), series 0 (\(run.series[0].name)): packed points: ") == true)
        #expect(report.malformedSeries.last?.contains("but the series records") == true)
        #expect(report.integrityProblems.isEmpty)
        #expect(!report.isClean)
        #expect(throws: RepositoryError.self) { _ = try store.run(hash: run.hash) }
    }

    /// SQLite alone: PostgreSQL enforces its foreign keys, so the same damage cannot be done there
    /// (its counterpart is `anObjectMissingAChunkFailsTheIntegrityCheck`).
    @Test func aCorruptedDatabaseFailsTheIntegrityCheck() throws {
        guard let repository = try TestRepository.make(.sqlite) else { return }
        defer { repository.remove() }
        let store = try repository.open()
        try store.insert(try SampleRuns.ner(seed: 1, repository: store), replace: false, replacing: [])
        let queue = try DatabaseQueue(path: URL(fileURLWithPath: repository.repo).appendingPathComponent(RunRepository.databaseName).path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "INSERT INTO tags (run, ord, tag) VALUES ('no-such-run', 0, 'x')")
        }
        try queue.close()
        let report = try store.check(fix: false)
        #expect(report.integrityProblems.count == 1)
        #expect(report.integrityProblems.first?.contains("tags") == true)
    }

    /// PostgreSQL alone: an object kept as chunks in the database that lost one of them.
    @Test func anObjectMissingAChunkFailsTheIntegrityCheck() throws {
        guard let repository = try TestRepository.make(.postgres) else { return }
        defer { repository.remove() }
        let store = try repository.open()
        let run = try SampleRuns.ner(seed: 1, repository: store)
        try store.insert(run, replace: false, replacing: [])
        let sha = run.sources[0].sha256
        try repository.psql("DELETE FROM aim_spacy.object_chunks WHERE sha256 = '\(sha)'")
        let report = try store.check(fix: false)
        #expect(report.integrityProblems == ["object \(sha) holds 0 chunks of 0 bytes; expected 1 of \(run.sources[0].size)"])
        #expect(!report.isClean)
    }
}

/// `check --fix` during an import: the import's objects are stored before its run commits, and the
/// writer lock makes the check (from another connection, as another process would) wait for the
/// commit instead of deleting them as orphans.
@Suite struct CheckDuringWriteTests {
    @Test(arguments: Backend.allCases)
    func checkWaitsForTheWriteInProgress(_ backend: Backend) async throws {
        guard let repository = try TestRepository.make(backend) else { return }
        defer { repository.remove() }
        let writing = try repository.open()
        let checking = try repository.open()
        let (stored, storedSignal) = AsyncStream.makeStream(of: Void.self)
        let writer = Task.detached {
            try writing.whileWriting { () throws(RepositoryError) in
                let run: Run
                do { run = try SampleRuns.ner(seed: 7, repository: writing) } catch { throw RepositoryError("\(error)") }
                storedSignal.yield()
                Thread.sleep(forTimeInterval: 0.4)
                try writing.insert(run, replace: false, replacing: [])
            }
        }
        for await _ in stored { break }
        let report = try checking.check(fix: true)
        try await writer.value
        #expect(report.removed.isEmpty)
        #expect(report.isClean)
        #expect(try checking.check(fix: false) == CheckReport())
        #expect(try checking.summaries(including: []).count == 1)
    }
}
