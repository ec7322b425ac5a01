import AimSpacyModel
@testable import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import GRDB
import Testing

/// Schema v3 keeps a series' points as one `PackedPoints` blob: repositories written with a row per
/// point (v2) are converted when opened and read back the same series.
/// SQLite alone: PostgreSQL repositories were packed from their first schema.
@Suite struct PackedSeriesMigrationTests {
    /// What a v2 repository holds for a run's series, read the way v2 read it (`NaN` text and NULL
    /// values as NaN).
    static func v2Series(_ db: Database, run: String) throws -> [(name: String, context: String, points: [MetricPoint])] {
        try Row.fetchAll(db, sql: "SELECT id, name, context_json FROM series WHERE run = ? ORDER BY ord", arguments: [run])
            .map { series in
                let points = try Row.fetchAll(
                    db, sql: "SELECT step, epoch, value FROM points WHERE series = ? ORDER BY ord",
                    arguments: [series["id"] as Int64]
                ).map { MetricPoint(step: $0["step"], epoch: $0["epoch"], value: StoredDouble.decode($0["value"]) ?? .nan) }
                return (series["name"], series["context_json"], points)
            }
    }

    static func sameBits(_ a: [MetricPoint], _ b: [MetricPoint]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy {
            $0.step == $1.step && $0.epoch == $1.epoch && $0.value.bitPattern == $1.value.bitPattern
        }
    }

    /// Opens the v2 database at `directory` as this version does and checks every run's series
    /// against what the v2 tables held.
    static func upgradeKeepsSeries(_ directory: URL) throws {
        let path = directory.appendingPathComponent(RunRepository.databaseName).path
        let before = try DatabaseQueue(path: path)
        let hashes = try before.read { db in try String.fetchAll(db, sql: "SELECT hash FROM runs ORDER BY hash") }
        let expected = try before.read { db in try hashes.map { try v2Series(db, run: $0) } }
        let summaries = try before.read { db in
            try Row.fetchAll(db, sql: "SELECT run, ord, count, last, min, max FROM series ORDER BY run, ord").map(\.description)
        }
        try before.close()
        #expect(!hashes.isEmpty)

        let repository = try RunRepository(directory: directory, create: false)
        #expect(try repository.schemaVersions() == ["v1", "v2", "v3", "v4"])
        for (hash, series) in zip(hashes, expected) {
            let read = try repository.series(ofRun: hash)
            #expect(read.map(\.name) == series.map(\.name))
            #expect(read.map { RunCoding.context($0.context) } == series.map(\.context))
            for (got, want) in zip(read, series) {
                #expect(sameBits(got.points, want.points), "\(hash) \(got.name)")
            }
            let run = try #require(try repository.run(hash: hash))
            #expect(run.series.count == read.count)
        }
        #expect(try repository.check().malformedSeries.isEmpty)
        let after = try DatabaseQueue(path: path)
        try after.read { db in
            #expect(try !db.tableExists("points"))
            #expect(try db.columns(in: "series").map(\.name).contains("context") == false)
            let now = try Row.fetchAll(db, sql: "SELECT run, ord, count, last, min, max FROM series ORDER BY run, ord")
            #expect(now.map(\.description) == summaries)
        }
        try after.close()
    }

    /// A repository the previous version (schema v2) wrote by importing `Fixtures/trainings`.
    @Test func theV2FixtureRepositoryUpgradesWithTheSameSeries() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.copyItem(
            at: Fixture.url("repositories/v2/runs.sqlite"),
            to: directory.url.appendingPathComponent(RunRepository.databaseName)
        )
        try Self.upgradeKeepsSeries(directory.url)
    }

    /// A v2 repository with the values a row per point could hold: NaN as text, NULL, -0.0,
    /// infinities, steps going back, and a series without points.
    @Test func unusualV2PointsSurviveThePacking() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let queue = try DatabaseQueue(path: directory.url.appendingPathComponent(RunRepository.databaseName).path)
        try Schema.migrator.migrate(queue, upTo: "v2")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO runs (hash, experiment, name, description, created, imported, complete, steps, config_json,
                    config_text, pipeline_json, lang, spacy_version, settings_json, evaluation_json, warnings_json)
                VALUES ('cccc3333', NULL, 'odd', '', 0, 0, 0, 2, '{}', '', '[]', 'en', '', '{}', NULL, '[]');
                INSERT INTO series (id, run, ord, name, context, context_json, count, last, min, max) VALUES
                    (4, 'cccc3333', 0, 'loss', 'component=ner', '[["component", "ner"]]', 4, -1e300, -1e300, 12.5),
                    (9, 'cccc3333', 1, 'ents_f', '', '[]', 2, 0.5, 0.5, 0.5),
                    (2, 'cccc3333', 2, 'speed', '', '[]', 0, NULL, NULL, NULL);
                INSERT INTO points (series, ord, step, epoch, value) VALUES
                    (4, 0, 0, 0, 12.5), (4, 1, 200, 0, 'NaN'), (4, 2, 100, 3, NULL), (4, 3, 4611686018427387904, -7, -1e300),
                    (9, 0, 0, 0, -0.0), (9, 1, 50, 1, 9e999);
                """)
        }
        try queue.close()
        try Self.upgradeKeepsSeries(directory.url)
    }
}
