import AimSpacyModel
import Foundation

/// Exports runs to an MLflow tracking server through its REST API: one MLflow run per run, created
/// as RUNNING, filled (params, tags, metric points in batches, artifacts), and only then marked
/// FINISHED (KILLED for an interrupted training). A run the server already has (same hash tag in the
/// experiment) is left alone, or replaced with `replace`. A run whose export fails is deleted, so
/// none is ever left half-exported and marked finished.
public struct MLflowExport: Sendable {
    /// A file stored with the run.
    public struct Artifact: Sendable, Equatable {
        /// Path inside the run's artifacts, e.g. `config.cfg`, `training/model-best/meta.json`.
        public var path: String
        public var bytes: [UInt8]

        public init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    /// What happened to one run.
    public struct Outcome: Sendable, Equatable {
        public var hash: String
        public var experimentID: String
        public var runID: String
        public var metrics: Int
        public var points: Int
        public var params: Int
        public var tags: Int
        public var artifacts: Int
        public var status: ExportStatus
    }

    public struct Report: Sendable, Equatable {
        public var outcomes: [Outcome] = []
        public var failures: [ExportError] = []
        /// What the user should know (e.g. a server that does not serve artifacts).
        public var notes: [String] = []
    }

    let client: MLflowClient
    /// `--experiment`: overrides each run's experiment.
    public var experiment: String?
    public var replace: Bool

    public init(url: URL, experiment: String? = nil, replace: Bool = false, timeout: TimeInterval = 30) {
        client = MLflowClient(base: url, timeout: timeout)
        self.experiment = experiment
        self.replace = replace
    }

    /// Exports `runs`; `artifacts` gives each run's files, asked only for runs actually written.
    /// A server that cannot be reached ends the export with one failure; a run the server refuses is
    /// reported and the others still go.
    public func export(_ runs: [Run], artifacts: (Run) throws(ExportError) -> [Artifact]) async -> Report {
        var report = Report()
        var experiments: [String: String] = [:]
        var skippedArtifacts = 0
        for run in runs {
            do throws(MLflowClient.Failure) {
                let name = experiment ?? run.experiment ?? "Default"
                let experimentID: String
                if let known = experiments[name] {
                    experimentID = known
                } else {
                    experimentID = try await lookUpExperiment(named: name)
                    experiments[name] = experimentID
                }
                let exported = try await export(run, experimentID: experimentID, artifacts: artifacts)
                report.outcomes.append(exported.outcome)
                skippedArtifacts += exported.skippedArtifacts
            } catch {
                switch error {
                case .unreachable(let failure):
                    report.failures.append(failure)
                    return report
                case .refused(let failure, _):
                    report.failures.append(ExportError(place: failure.place, reason: "run \(run.hash): \(failure.reason)"))
                }
            }
        }
        if skippedArtifacts > 0 {
            report.notes.append("the server does not serve artifacts (start it with --serve-artifacts): \(skippedArtifacts) artifact(s) not uploaded")
        }
        return report
    }

    /// One run: left alone when the experiment has it finished (unless `replace`), else written
    /// anew; runs of an earlier export that never finished are deleted first, a replaced run last.
    private func export(
        _ run: Run, experimentID: String, artifacts: (Run) throws(ExportError) -> [Artifact]
    ) async throws(MLflowClient.Failure) -> (outcome: Outcome, skippedArtifacts: Int) {
        let existing = try await findRuns(hash: run.hash, experimentID: experimentID)
        let finished = existing.filter { ["FINISHED", "KILLED"].contains($0.status) }
        for leftover in existing where !finished.contains(where: { $0.runID == leftover.runID }) {
            _ = try await client.post("runs/delete", .object([("run_id", .string(leftover.runID))]))
        }
        let content = MLflowRunContent(exported: ExportedRun(run))
        if let found = finished.first, !replace {
            return (outcome(run, content, experimentID, found.runID, artifacts: 0, .unchanged), 0)
        }
        let files: [Artifact]
        do throws(ExportError) {
            files = try artifacts(run)
        } catch {
            throw .refused(error, code: "ARTIFACT")
        }
        let written = try await write(content, experimentID: experimentID, artifacts: files)
        for old in finished {
            _ = try await client.post("runs/delete", .object([("run_id", .string(old.runID))]))
        }
        let status: ExportStatus = finished.isEmpty ? .created : .replaced
        return (outcome(run, content, experimentID, written.runID, artifacts: written.uploaded, status), written.skipped)
    }

    private func outcome(
        _ run: Run, _ content: MLflowRunContent, _ experimentID: String, _ runID: String, artifacts: Int, _ status: ExportStatus
    ) -> Outcome {
        Outcome(
            hash: run.hash, experimentID: experimentID, runID: runID, metrics: content.exported.metrics.count,
            points: content.exported.pointCount, params: content.exported.parameters.count,
            tags: content.creationTags.count + content.tags.count, artifacts: artifacts, status: status
        )
    }

    /// Creates the run as RUNNING, logs everything, uploads the artifacts, then finishes it; on any
    /// failure deletes it (or, when even that fails, leaves it RUNNING, never FINISHED).
    private func write(
        _ content: MLflowRunContent, experimentID: String, artifacts: [Artifact]
    ) async throws(MLflowClient.Failure) -> (runID: String, uploaded: Int, skipped: Int) {
        let run = content.exported.run
        let created = try await client.post("runs/create", .object([
            ("experiment_id", .string(experimentID)), ("run_name", .string(run.name)),
            ("start_time", .int(Int(content.exported.startMilliseconds))), ("tags", .array(content.creationTags)),
        ]))
        guard let runID = created["run"]?["info"]?["run_id"]?.stringValue else {
            throw .refused(ExportError(place: client.base.absoluteString, reason: "runs/create gave no run_id"), code: "BAD_RESPONSE")
        }
        do throws(MLflowClient.Failure) {
            for batch in MLflowBatches.pack(metrics: content.metrics, params: content.params, tags: content.tags) {
                _ = try await client.post("runs/log-batch", batch.body(runID: runID))
            }
            var uploaded = 0
            var skipped = 0
            if let location = Self.artifactLocation(created["run"]?["info"]?["artifact_uri"]?.stringValue) {
                for artifact in artifacts {
                    try await client.putArtifact(location: location, path: artifact.path, bytes: artifact.bytes)
                    uploaded += 1
                }
            } else {
                skipped = artifacts.count
            }
            _ = try await client.post("runs/update", .object([
                ("run_id", .string(runID)), ("status", .string(run.complete ? "FINISHED" : "KILLED")),
                ("end_time", .int(Int(content.exported.endMilliseconds))),
            ]))
            return (runID, uploaded, skipped)
        } catch {
            if (try? await client.post("runs/delete", .object([("run_id", .string(runID))]))) == nil {
                _ = try? await client.post("runs/update", .object([("run_id", .string(runID)), ("status", .string("FAILED"))]))
            }
            throw error
        }
    }

    /// The experiment's id, created when missing.
    private func lookUpExperiment(named name: String) async throws(MLflowClient.Failure) -> String {
        do throws(MLflowClient.Failure) {
            let found = try await client.get("experiments/get-by-name", [("experiment_name", name)])
            guard found["experiment"]?["lifecycle_stage"]?.stringValue != "deleted" else {
                throw MLflowClient.Failure.refused(ExportError(
                    place: client.base.absoluteString,
                    reason: "experiment \"\(name)\" is deleted on the server: restore it or choose another --experiment"
                ), code: "DELETED")
            }
            if let id = found["experiment"]?["experiment_id"]?.stringValue { return id }
        } catch {
            guard case .refused(_, let code) = error, code == "RESOURCE_DOES_NOT_EXIST" else { throw error }
        }
        let created = try await client.post("experiments/create", .object([("name", .string(name))]))
        guard let id = created["experiment_id"]?.stringValue else {
            throw .refused(ExportError(place: client.base.absoluteString, reason: "experiments/create gave no experiment_id"), code: "BAD_RESPONSE")
        }
        return id
    }

    /// The runs of the experiment tagged with this hash (deleted ones aside).
    private func findRuns(hash: String, experimentID: String) async throws(MLflowClient.Failure) -> [(runID: String, status: String)] {
        let found = try await client.post("runs/search", .object([
            ("experiment_ids", .array([.string(experimentID)])),
            ("filter", .string("tags.`\(MLflowRunContent.hashTag)` = '\(hash.filter { $0.isHexDigit })'")),
            ("run_view_type", .string("ACTIVE_ONLY")), ("max_results", .int(100)),
        ]))
        guard case .array(let runs) = found["runs"] ?? .array([]) else { return [] }
        return runs.compactMap { run in
            guard let id = run["info"]?["run_id"]?.stringValue else { return nil }
            return (id, run["info"]?["status"]?.stringValue ?? "")
        }
    }

    /// The artifact proxy's location for a run's `artifact_uri` (`mlflow-artifacts:/1/<run>/artifacts`
    /// or `mlflow-artifacts://host:port/1/<run>/artifacts`); `nil` when the server does not serve
    /// artifacts.
    static func artifactLocation(_ uri: String?) -> String? {
        guard let uri, uri.hasPrefix("mlflow-artifacts:") else { return nil }
        var rest = uri.dropFirst("mlflow-artifacts:".count)
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            rest = rest[slash...]
        }
        let path = rest.split(separator: "/").joined(separator: "/")
        return path.isEmpty ? nil : path
    }
}
