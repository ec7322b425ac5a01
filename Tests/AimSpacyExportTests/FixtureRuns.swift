import AimSpacyModel
import AimSpacyPipeline
import AimSpacyTestSupport
import Foundation

/// The fixture trainings as runs: imported into a temporary repository the way a user imports them,
/// then loaded as `export` loads them.
enum FixtureRuns {
    /// Folders of `Fixtures/trainings`, the parameters of the export tests.
    static let trainings = ["ner-aim", "spancat-jsonl"]

    static func load(into directory: URL) async throws -> [String: Run] {
        let repo = directory.appendingPathComponent("repo").path
        let report = try await ImportPipeline.run(ImportOptions(paths: [Fixture.url("trainings").path], repo: repo))
        precondition(report.hashes.count == trainings.count, "fixture import: \(report.diagnostics)")
        let runs = try ReportRuns.load(repository: repo, query: nil, selectors: [])
        return Dictionary(uniqueKeysWithValues: runs.map { ($0.name, $0) })
    }
}
