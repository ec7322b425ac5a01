import AimSpacyPipeline
import ArgumentParser

/// `aim-spacy metrics RUN [--csv|--json]`.
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Print every logged point of a run's series."
    )

    @OptionGroup var repository: RepositoryOption

    @Argument(help: ArgumentHelp("A run hash, a unique hash prefix or a run name.", valueName: "run"))
    var runReference: String

    @Flag(help: "CSV with the columns name,context,step,epoch,value.")
    var csv = false

    @Flag(help: "JSON rows with the columns name, context, step, epoch, value.")
    var json = false

    func validate() throws {
        if csv && json { throw ValidationError("--csv and --json cannot be combined") }
    }

    func run() throws {
        let format: RunCommands.MetricsFormat = csv ? .csv : (json ? .json : .table)
        try runReporting { () throws(PipelineError) in try RunCommands.metrics(repo: repository.repo, run: runReference, format: format) }
    }
}
