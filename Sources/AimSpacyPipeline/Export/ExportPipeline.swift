import AimSpacyExport
import AimSpacyModel
import AimSpacyRepository
import Foundation

/// `aim-spacy export`: hands the runs `report` would choose to MLflow or TensorBoard.
public enum ExportPipeline {
    /// Where the runs go.
    public enum Target: Sendable, Equatable {
        case tensorboard(directory: String)
        case mlflow(url: String, experiment: String?, replace: Bool)
    }

    /// What the command prints, and the one-line errors of the runs that could not be exported.
    public struct Outcome: Sendable, Equatable {
        public var output: String
        public var errors: [PipelineError]
    }

    /// Loads the runs (as `report` selects them) and exports them to `target`.
    public static func run(
        repository: String?, query: String?, selectors: [String], target: Target, json: Bool
    ) async throws(PipelineError) -> Outcome {
        let runs = try ReportRuns.load(repository: repository, query: query, selectors: selectors)
        switch target {
        case .tensorboard(let directory):
            let report = TensorBoardExport.export(runs, to: URL(fileURLWithPath: directory, isDirectory: true))
            return Outcome(
                output: json ? tensorBoardJSON(report, directory: directory) : tensorBoardText(report, directory: directory),
                errors: report.failures.map { PipelineError($0.description) }
            )
        case .mlflow(let address, let experiment, let replace):
            guard let url = URL(string: address), ["http", "https"].contains(url.scheme?.lowercased()), url.host != nil else {
                throw PipelineError("export: \(address) is not an http(s) URL of an MLflow tracking server")
            }
            let store = try RunCommands.openRepository(repository)
            let report = await MLflowExport(url: url, experiment: experiment, replace: replace).export(runs) {
                run throws(ExportError) in try ExportArtifacts.artifacts(of: run, repository: store)
            }
            return Outcome(
                output: json ? mlflowJSON(report, url: address) : mlflowText(report, url: address),
                errors: report.failures.map { PipelineError($0.description) }
            )
        }
    }

    static func mlflowJSON(_ report: MLflowExport.Report, url: String) -> String {
        let runs = report.outcomes.map { outcome in
            JSONValue.object([
                ("hash", .string(outcome.hash)), ("experiment_id", .string(outcome.experimentID)),
                ("run_id", .string(outcome.runID)), ("metrics", .int(outcome.metrics)), ("points", .int(outcome.points)),
                ("params", .int(outcome.params)), ("tags", .int(outcome.tags)), ("artifacts", .int(outcome.artifacts)),
                ("status", .string(outcome.status.rawValue)),
            ])
        }
        return JSONValue.object([
            ("target", .string("mlflow")), ("url", .string(url)), ("runs", .array(runs)),
            ("notes", .array(report.notes.map(JSONValue.string))),
        ]).serialized(indent: 2) + "\n"
    }

    static func mlflowText(_ report: MLflowExport.Report, url: String) -> String {
        var lines = report.outcomes.map { outcome in
            "\(outcome.status.rawValue) \(String(outcome.hash.prefix(12))) experiment \(outcome.experimentID) run \(outcome.runID) (\(outcome.points) points)"
        }
        lines.append(countLine(report.outcomes.map(\.status), to: url))
        lines += report.notes.map { "note: " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    static func tensorBoardJSON(_ report: TensorBoardExport.Report, directory: String) -> String {
        let runs = report.outcomes.map { outcome in
            JSONValue.object([
                ("hash", .string(outcome.hash)), ("folder", .string(outcome.folder)), ("file", .string(outcome.file)),
                ("scalars", .int(outcome.scalars)), ("points", .int(outcome.points)),
                ("hyperparameters", .int(outcome.hyperparameters)), ("status", .string(outcome.status.rawValue)),
            ])
        }
        return JSONValue.object([
            ("target", .string("tensorboard")), ("directory", .string(directory)), ("runs", .array(runs)),
        ]).serialized(indent: 2) + "\n"
    }

    static func tensorBoardText(_ report: TensorBoardExport.Report, directory: String) -> String {
        var lines = report.outcomes.map { outcome in
            "\(outcome.status.rawValue) \(String(outcome.hash.prefix(12))) \(outcome.folder)/\(outcome.file) (\(outcome.points) points)"
        }
        lines.append(countLine(report.outcomes.map(\.status), to: directory))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The closing line of a text report: how many runs went where, by what happened to them.
    private static func countLine(_ statuses: [ExportStatus], to target: String) -> String {
        let counts = Dictionary(grouping: statuses, by: { $0 }).mapValues(\.count)
        return "\(statuses.count) run(s) to \(target): \(counts[.created] ?? 0) created, "
            + "\(counts[.replaced] ?? 0) replaced, \(counts[.unchanged] ?? 0) unchanged"
    }
}
