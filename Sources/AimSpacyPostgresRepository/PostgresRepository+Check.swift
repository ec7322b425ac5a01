import AimSpacyModel
import AimSpacyRepository
import PostgresNIO

extension PostgresRepository {
    /// Finds series whose packed points do not decode or disagree with their count, objects runs
    /// refer to but the store lacks, objects whose chunks do not add up, orphan objects and
    /// renders; with `fix`, removes the orphans. Holds the writer lock
    /// exclusively (see `whileWriting`), so objects of imports in progress are not taken for orphans.
    /// The server keeps its own integrity (constraints, transactions): there is no file to check.
    public func check(fix: Bool = false) throws(RepositoryError) -> CheckReport {
        try session.reading { try $0.execute("SELECT pg_advisory_lock(\(PostgresSchema.writerLock))") }
        defer { _ = try? session.reading { try $0.execute("SELECT pg_advisory_unlock(\(PostgresSchema.writerLock))") } }
        var report = CheckReport()
        try session.reading { calls in
            report.malformedSeries = try PostgresRepository.malformedSeries(calls)
            report.missingObjects = try calls.rows("""
                SELECT s.sha256, s.run, s.path FROM (SELECT sha256, run, path FROM aim_spacy.sources
                    UNION ALL \(unescaped: PostgresRepository.predictionReferences)) s
                WHERE NOT EXISTS (SELECT 1 FROM aim_spacy.objects o WHERE o.sha256 = s.sha256)
                ORDER BY s.sha256 COLLATE "C", s.run COLLATE "C", s.path COLLATE "C"
                """).map { "\(try $0[0].decode(String.self)) (run \(try $0[1].decode(String.self)), \(try $0[2].decode(String.self)))" }
            report.integrityProblems = try calls.rows("""
                SELECT o.sha256, o.size, o.chunks, count(c.ord), coalesce(sum(length(c.data)), 0)
                FROM aim_spacy.objects o LEFT JOIN aim_spacy.object_chunks c ON c.sha256 = o.sha256
                GROUP BY o.sha256, o.size, o.chunks
                HAVING o.chunks <> count(c.ord) OR o.size <> coalesce(sum(length(c.data)), 0)
                ORDER BY o.sha256 COLLATE "C"
                """).map { row in
                "object \(try row[0].decode(String.self)) holds \(try row[3].decode(Int.self)) chunks of \(try row[4].decode(Int.self)) bytes; expected \(try row[2].decode(Int.self)) of \(try row[1].decode(Int.self))"
            }
            report.orphanObjects = try calls.rows("""
                SELECT o.sha256 FROM aim_spacy.objects o
                WHERE NOT EXISTS (SELECT 1 FROM aim_spacy.sources s WHERE s.sha256 = o.sha256)
                AND \(unescaped: PostgresRepository.unreferencedByPredictions) ORDER BY o.sha256 COLLATE "C"
                """).map { try $0[0].decode(String.self) }
            report.orphanRenders = try calls.rows("""
                SELECT r.id FROM aim_spacy.renders r
                WHERE NOT EXISTS (SELECT 1 FROM aim_spacy.run_renders rr WHERE rr.render = r.id)
                AND NOT EXISTS (SELECT 1 FROM aim_spacy.visualisation_docs v WHERE v.render = r.id)
                ORDER BY r.id COLLATE "C"
                """).map { try $0[0].decode(String.self) }
        }
        guard fix, !report.orphanObjects.isEmpty || !report.orphanRenders.isEmpty else { return report }
        let objects = report.orphanObjects
        let renders = report.orphanRenders
        try session.transaction { calls in
            try calls.execute("""
                DELETE FROM aim_spacy.objects o WHERE o.sha256 = ANY(\(objects))
                AND NOT EXISTS (SELECT 1 FROM aim_spacy.sources s WHERE s.sha256 = o.sha256)
                AND \(unescaped: PostgresRepository.unreferencedByPredictions)
                """)
            try calls.execute("""
                DELETE FROM aim_spacy.renders r WHERE r.id = ANY(\(renders))
                AND NOT EXISTS (SELECT 1 FROM aim_spacy.run_renders rr WHERE rr.render = r.id)
                AND NOT EXISTS (SELECT 1 FROM aim_spacy.visualisation_docs v WHERE v.render = r.id)
                """)
        }
        report.removed = objects.map { "object \($0)" } + renders.map { "render \($0)" }
        report.orphanObjects = []
        report.orphanRenders = []
        return report
    }

    /// Every series whose `points` do not decode, or decode to another count than `count`, in the
    /// words of the SQLite repository's check.
    static func malformedSeries(_ calls: PostgresCalls) throws -> [String] {
        var problems: [String] = []
        for row in try calls.rows("SELECT run, ord, name, count, points FROM aim_spacy.series ORDER BY run COLLATE \"C\", ord") {
            let place = "run \(try row[0].decode(String.self)), series \(try row[1].decode(Int.self)) (\(try row[2].decode(String.self)))"
            let packed = try row[4].decode(ByteBuffer.self)
            do {
                let count = try PackedPoints.decode(Array(packed.readableBytesView)).count
                let stored = try row[3].decode(Int.self)
                if count != stored { problems.append("\(place): \(count) points, but the series records \(stored)") }
            } catch {
                problems.append("\(place): \(error)")
            }
        }
        return problems
    }
}
