import AimSpacyPipeline
import ArgumentParser
import Foundation

/// `aim-spacy export`: hands runs of the repository to an MLflow tracking server or TensorBoard.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export runs to an MLflow tracking server or as TensorBoard event files.",
        discussion: """
            --to mlflow URL: one MLflow run per run (params, metrics with steps, tags, artifacts), found \
            again by its hash on the next export. --to tensorboard DIR: one folder per run with an event \
            file (scalars, the config as text, HParams).
            """
    )

    @Argument(help: "Runs to export (hash, hash prefix or name); all runs when none is given.") var runs: [String] = []
    @Option(help: "Select runs with a query expression instead of naming them.") var query: String?
    @Option(help: "The run repository (default: $AIM_SPACY_REPO, else ./.aim-spacy).") var repo: String?
    @Option(parsing: .upToNextOption, help: "`mlflow URL` or `tensorboard DIR`.") var to: [String] = []
    @Option(help: "The MLflow experiment (default: the run's experiment, else Default).") var experiment: String?
    @Flag(help: "Export again runs the MLflow server already has, replacing them.") var replace = false
    @Flag(help: "Print what was exported as JSON.") var json = false

    func run() async throws {
        do {
            let target: ExportPipeline.Target
            switch (to.first, to.count) {
            case ("tensorboard", 2):
                guard experiment == nil, !replace else {
                    throw PipelineError("export: --experiment and --replace apply to --to mlflow only")
                }
                target = .tensorboard(directory: to[1])
            case ("mlflow", 2):
                target = .mlflow(url: to[1], experiment: experiment, replace: replace)
            default:
                throw PipelineError("export: expected --to mlflow URL or --to tensorboard DIR")
            }
            let outcome = try await ExportPipeline.run(
                repository: repo, query: query, selectors: runs, target: target, json: json
            )
            FileHandle.standardOutput.write(Data(outcome.output.utf8))
            for error in outcome.errors { printError(error) }
            guard outcome.errors.isEmpty else { throw ExitCode(1) }
        } catch let error as PipelineError {
            printError(error)
            throw ExitCode(1)
        }
    }
}
