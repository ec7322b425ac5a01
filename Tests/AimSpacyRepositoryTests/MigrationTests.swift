import AimSpacyModel
@testable import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import GRDB
import Testing

/// SQLite alone: its GRDB migrations, WAL mode and folder; the PostgreSQL schema's migrations are
/// in `PostgresSchemaTests`.
@Suite struct MigrationTests {
    @Test func aNewRepositoryHasEverySchemaVersion() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = try RunRepository(directory: directory.url.appendingPathComponent("fresh"))
        #expect(try repository.schemaVersions() == Schema.versions)
        let mode = try DatabaseQueue(path: directory.url.appendingPathComponent("fresh/runs.sqlite").path)
            .read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func aRepositoryWrittenBySchemaV1IsUpgradedAndKeepsItsRuns() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent(RunRepository.databaseName).path
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v1")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO runs (hash, experiment, name, description, created, imported, complete, steps, config_json,
                    config_text, pipeline_json, lang, spacy_version, settings_json, evaluation_json, warnings_json)
                VALUES ('aaaa1111', 'ner', 'old-run', '', 0, 0, 1, 3, '{"training": {"dropout": 0.2}}', '', '["ner"]',
                    'en', '>=3.8.0', '{"image_width": 600, "image_height": 200}', NULL, '[]');
                INSERT INTO series (id, run, ord, name, context, context_json) VALUES (7, 'aaaa1111', 0, 'ents_f', '', '[]');
                INSERT INTO points (series, ord, step, epoch, value) VALUES (7, 0, 0, 0, 0.25), (7, 1, 200, 0, 0.75), (7, 2, 400, 1, 0.5);
                """)
        }
        try queue.close()

        let repository = try RunRepository(directory: directory.url, create: false)
        #expect(try repository.schemaVersions() == ["v1", "v2", "v3", "v4"])
        let summary = try #require(try repository.summaries(including: .all).first)
        #expect(summary.series == [SeriesSummary(name: "ents_f", context: [], count: 3, last: 0.5, min: 0.25, max: 0.75)])
        #expect(try repository.runs(matching: RunQuery("metric(\"ents_f\").max == 0.75 and run.hparams.training.dropout == 0.2")).map(\.hash) == ["aaaa1111"])
        let run = try #require(try repository.run(hash: "aaaa1111"))
        #expect(run.series.first?.points.map(\.value) == [0.25, 0.75, 0.5])
    }

    @Test func aRepositoryFromANewerVersionIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try RunRepository(directory: directory.url)
        let queue = try DatabaseQueue(path: directory.url.appendingPathComponent(RunRepository.databaseName).path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
        try queue.close()
        #expect {
            _ = try RunRepository(directory: directory.url)
        } throws: { error in
            let message = (error as? RepositoryError)?.message ?? ""
            return message.contains("newer aim-spacy") && message.contains("v99")
        }
    }

    @Test func openingWithoutCreateRefusesAMissingRepository() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.url.appendingPathComponent("nowhere")
        #expect(throws: RepositoryError.self) { _ = try RunRepository(directory: missing, create: false) }
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }

    @Test func locationFollowsFlagThenConfigThenEnvironmentThenDefault() {
        let cwd = URL(fileURLWithPath: "/work/project", isDirectory: true)
        let env = ["AIM_SPACY_REPO": "/srv/aim"]
        #expect(RunRepository.location(explicit: "flag", configured: "cfg", environment: env, currentDirectory: cwd).path == "/work/project/flag")
        #expect(RunRepository.location(configured: "./cfg", environment: env, currentDirectory: cwd).path == "/work/project/cfg")
        #expect(RunRepository.location(environment: env, currentDirectory: cwd).path == "/srv/aim")
        #expect(RunRepository.location(environment: [:], currentDirectory: cwd).path == "/work/project/.aim-spacy")
    }
}
