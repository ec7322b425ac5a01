import AimSpacyBackendTestSupport
import AimSpacyModel
import AimSpacyPipeline
import AimSpacyPostgresRepository
import AimSpacyReport
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Testing

/// The same trainings imported into a SQLite and a PostgreSQL repository print the same bytes:
/// `runs --json` (with and without queries), `show --json`, `metrics --csv` and every report page.
@Suite struct BackendParityTests {
    static let queries: [String?] = [
        nil, "run.experiment == \"alice-ner\"", "run.hparams.training.dropout > 0.05", "run.final.ents_f >= 0",
        "metric(\"score\").max > 0.1", "\"ner\" in run.name or run.complete", "run.labels.ner", "run.datasets.dev.docs > 0",
        "run.evaluation", "run.hparams.nlp.pipeline",
    ]

    static func withoutRecordedRepo(_ json: String) throws -> JSONValue {
        guard case .object(var members) = try JSONValue.parse(json), let index = members.firstIndex(where: { $0.key == "settings" }),
            case .object(var settings) = members[index].value
        else { return .null }
        settings.removeAll { $0.key == "repo" }
        members[index].value = .object(settings)
        return .object(members)
    }

    @Test func importedTrainingsReadTheSameFromBothBackends() async throws {
        guard let postgres = try TestRepository.make(.postgres) else { return }
        let sqlite = try #require(try TestRepository.make(.sqlite))
        defer {
            postgres.remove()
            sqlite.remove()
        }
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var hashes: [[String]] = []
        for repository in [sqlite, postgres] {
            var options = ImportOptions(paths: [Fixture.url("trainings").path], repo: repository.repo, vizPath: "corpus/dev.spacy", modelLogInterval: 100)
            options.tags = ["team"]
            let report = try await ImportPipeline.run(options, now: now)
            #expect(!report.failed, "\(report.outcomes.compactMap(\.error))")
            hashes.append(report.hashes)
        }
        #expect(hashes[0] == hashes[1])
        #expect(hashes[0].count == 2)

        for query in BackendParityTests.queries {
            let fromSQLite = try RunCommands.runs(repo: sqlite.repo, query: query, json: true)
            let fromPostgres = try RunCommands.runs(repo: postgres.repo, query: query, json: true)
            #expect(fromSQLite == fromPostgres, "runs --query \(query ?? "-")")
        }
        let password = try #require(PostgresLocation.password(in: postgres.repo))
        for hash in hashes[0] {
            // A run records the `--repo` it was imported with (a PostgreSQL URL without its password);
            // that one field differs, everything else is the same.
            let sqliteShow = try RunCommands.show(repo: sqlite.repo, run: hash, json: true)
            let postgresShow = try RunCommands.show(repo: postgres.repo, run: hash, json: true)
            #expect(!postgresShow.contains(password))
            #expect(try JSONValue.parse(postgresShow)["settings"]?["repo"] == .string(try PostgresLocation(postgres.repo).redacted))
            #expect(try BackendParityTests.withoutRecordedRepo(sqliteShow) == BackendParityTests.withoutRecordedRepo(postgresShow))
            #expect(try RunCommands.show(repo: sqlite.repo, run: hash, json: false) == RunCommands.show(repo: postgres.repo, run: hash, json: false))
            let csv = try RunCommands.metrics(repo: sqlite.repo, run: hash, format: .csv)
            #expect(csv.split(separator: "\n").count > 10)
            #expect(csv == (try RunCommands.metrics(repo: postgres.repo, run: hash, format: .csv)))
        }
        let sqliteSite = try ReportPipeline.files(runs: try ReportRuns.load(repository: sqlite.repo, query: nil, selectors: []), options: ReportOptions())
        let postgresSite = try ReportPipeline.files(runs: try ReportRuns.load(repository: postgres.repo, query: nil, selectors: []), options: ReportOptions())
        #expect(sqliteSite.keys.sorted() == postgresSite.keys.sorted())
        for (path, bytes) in sqliteSite {
            #expect(postgresSite[path] == bytes, "report page \(path)")
        }
        #expect(sqliteSite.count > 3)
    }
}
