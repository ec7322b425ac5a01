@testable import AimSpacyExport
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Exports to a real `mlflow server`, read back with MLflow's own client.
@Suite(.enabled(if: ReferencePython.enabled("mlflow"), "needs a Python with mlflow (AIM_SPACY_TEST_PYTHON)"), .serialized)
struct MLflowExportTests {
    /// The fixture trainings through `aim-spacy export --to mlflow`: every point, param, tag and
    /// artifact there; a second export adds no run; `--replace` swaps the run for a new one.
    @Test func fixtureTrainingsThroughTheCommandLine() async throws {
        let server = try await MLflowServer.shared.value
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let runs = try await FixtureRuns.load(into: directory.url)
        let repo = directory.url.appendingPathComponent("repo").path
        let export = ["export", "--repo", repo, "--to", "mlflow", server.url.absoluteString, "--json"]

        let first = try Subprocess.aimSpacy(export)
        #expect(first.status == 0, "\(first.stderr)")
        let printed = try JSONValue.parse(String(decoding: first.stdout, as: UTF8.self))
        guard case .array(let outcomes) = printed["runs"] ?? .null else { Issue.record("no runs printed"); return }
        #expect(outcomes.map { $0["status"] } == Array(repeating: .string("created"), count: runs.count))

        let read = try server.readBack()
        for run in runs.values {
            let found = MLflowReading.runs(read, hash: run.hash)
            try #require(found.count == 1)
            MLflowReading.expectMatches(run, found[0], experiment: run.experiment ?? "Default")
            let printedRun = outcomes.first { $0["hash"] == .string(run.hash) }
            #expect(printedRun?["run_id"] == found[0]["run_id"])
            #expect(printedRun?["points"] == .int(ExportedRun(run).pointCount))
            let artifacts = found[0]["artifacts"]
            for source in run.sources {
                let path = ["config": "config.cfg", "meta-best": "model-best/meta.json", "meta-last": "model-last/meta.json"][source.role]
                if let path { #expect(artifacts?[path] == .string(source.sha256), "\(path)") }
            }
            #expect(artifacts?["report.html"] != nil)
        }

        let second = try Subprocess.aimSpacy(export)
        #expect(second.status == 0, "\(second.stderr)")
        let again = try JSONValue.parse(String(decoding: second.stdout, as: UTF8.self))
        guard case .array(let unchanged) = again["runs"] ?? .null else { Issue.record("no runs printed"); return }
        #expect(unchanged.map { $0["status"] } == Array(repeating: .string("unchanged"), count: runs.count))
        let readAgain = try server.readBack()
        #expect(runs.values.map { MLflowReading.runs(readAgain, hash: $0.hash).count } == Array(repeating: 1, count: runs.count))

        let ner = try #require(runs["ner-aim"])
        let replaced = try Subprocess.aimSpacy(["export", ner.hash, "--repo", repo, "--to", "mlflow", server.url.absoluteString, "--replace", "--json"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        let replacedJSON = try JSONValue.parse(String(decoding: replaced.stdout, as: UTF8.self))
        guard case .array(let replacedRuns) = replacedJSON["runs"] ?? .null else { Issue.record("no runs printed"); return }
        #expect(replacedRuns.map { $0["status"] } == [JSONValue.string("replaced")])
        let afterReplace = MLflowReading.runs(try server.readBack(), hash: ner.hash)
        try #require(afterReplace.count == 1)
        #expect(afterReplace[0]["run_id"] != MLflowReading.runs(read, hash: ner.hash).first?["run_id"])
        MLflowReading.expectMatches(ner, afterReplace[0], experiment: ner.experiment ?? "Default")
    }

    /// Random runs with awkward names, a config value longer than MLflow's limit and more points
    /// than one request may carry, into an experiment named by `--experiment`.
    @Test func randomRunsInBatches() async throws {
        let server = try await MLflowServer.shared.value
        var generator = SplitMix64(seed: 5)
        let runs = (0..<3).map { RandomRuns.make(index: $0, using: &generator, steps: $0 == 0 ? 700 : nil, longValue: $0 == 1) }
        #expect(ExportedRun(runs[0]).pointCount > 2 * MLflowLimits.metricsPerBatch)
        let report = await MLflowExport(url: server.url, experiment: "random runs").export(runs) { _ in [] }
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.outcomes.map(\.status) == [.created, .created, .created])
        let read = try server.readBack()
        for run in runs {
            let found = MLflowReading.runs(read, hash: run.hash)
            try #require(found.count == 1)
            MLflowReading.expectMatches(run, found[0], experiment: "random runs")
        }
    }

    /// A run the server refuses (a config key longer than MLflow allows) is reported in one line and
    /// deleted, never left FINISHED; the other runs of the call are exported.
    @Test func refusedRunIsNotLeftBehind() async throws {
        let server = try await MLflowServer.shared.value
        var generator = SplitMix64(seed: 11)
        var refused = RandomRuns.make(index: 0, using: &generator)
        refused.hyperparameters = .object([(String(repeating: "k", count: 300), .int(1))])
        let accepted = RandomRuns.make(index: 1, using: &generator)
        let report = await MLflowExport(url: server.url, experiment: "refusals").export([refused, accepted]) { _ in [] }
        #expect(report.outcomes.map(\.hash) == [accepted.hash])
        #expect(report.failures.count == 1)
        #expect(report.failures.first?.description.contains(refused.hash) == true)
        #expect(report.failures.first?.description.contains("\n") == false)
        let read = try server.readBack()
        #expect(MLflowReading.runs(read, hash: refused.hash).isEmpty)
        #expect(MLflowReading.runs(read, hash: accepted.hash).count == 1)
    }
}

extension MLflowExportTests {
    /// An experiment deleted on the server is refused by name, in one line per run, and nothing is
    /// created in it.
    @Test func deletedExperimentIsRefused() async throws {
        let server = try await MLflowServer.shared.value
        var generator = SplitMix64(seed: 13)
        let run = RandomRuns.make(index: 1, using: &generator)
        let first = await MLflowExport(url: server.url, experiment: "deleted later").export([run]) { _ in [] }
        let experimentID = try #require(first.outcomes.first?.experimentID)
        var request = URLRequest(url: server.url.appendingPathComponent("api/2.0/mlflow/experiments/delete"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"experiment_id": "\#(experimentID)"}"#.utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)

        let other = RandomRuns.make(index: 2, using: &generator)
        let again = await MLflowExport(url: server.url, experiment: "deleted later").export([other]) { _ in [] }
        #expect(again.outcomes.isEmpty)
        #expect(again.failures.count == 1)
        #expect(again.failures.first?.reason.contains("experiment \"deleted later\" is deleted on the server") == true)
        #expect(MLflowReading.runs(try server.readBack(), hash: other.hash).isEmpty)
    }
}

/// A server that is missing or does not answer: one line, nothing exported.
@Suite struct MLflowUnreachableTests {
    @Test func missingServer() throws {
        let port = try LoopbackSocket.freePort()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repo = directory.url.appendingPathComponent("repo").path
        _ = try Subprocess.aimSpacy(["import", Fixture.url("trainings/spancat-jsonl").path, "--repo", repo])
        let result = try Subprocess.aimSpacy(["export", "--repo", repo, "--to", "mlflow", "http://127.0.0.1:\(port)"])
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("cannot reach the MLflow server") == true)
    }

    @Test func silentServerTimesOut() async throws {
        let silent = try LoopbackSocket()
        var generator = SplitMix64(seed: 3)
        let runs = (0..<2).map { RandomRuns.make(index: $0, using: &generator) }
        let report = await MLflowExport(url: URL(string: "http://127.0.0.1:\(silent.port)")!, timeout: 1).export(runs) { _ in [] }
        #expect(report.outcomes.isEmpty)
        #expect(report.failures.count == 1)
        #expect(report.failures.first?.reason.contains("did not answer within 1 s") == true)
    }
}
