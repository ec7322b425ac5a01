import AimSpacyPipeline
import ArgumentParser

/// `aim-spacy rename RUN NAME`.
struct RenameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Give a run a new name.")

    @OptionGroup var repository: RepositoryOption

    @Argument(help: ArgumentHelp("A run hash, a unique hash prefix or a run name.", valueName: "run"))
    var runReference: String

    @Argument(help: "The new name.")
    var name: String

    func run() throws {
        try runReporting { () throws(PipelineError) in try RunCommands.rename(repo: repository.repo, run: runReference, to: name) }
    }
}
