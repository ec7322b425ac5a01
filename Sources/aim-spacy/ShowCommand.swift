import AimSpacyPipeline
import ArgumentParser

/// `aim-spacy show RUN [--json]`.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one run: settings, final scores, labels, datasets, visualisations, sources, warnings."
    )

    @OptionGroup var repository: RepositoryOption

    @Argument(help: ArgumentHelp("A run hash, a unique hash prefix or a run name.", valueName: "run"))
    var runReference: String

    @Flag(help: "Print the run as JSON.")
    var json = false

    func run() throws {
        try runReporting { () throws(PipelineError) in try RunCommands.show(repo: repository.repo, run: runReference, json: json) }
    }
}
