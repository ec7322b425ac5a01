import AimSpacyPipeline
import ArgumentParser

/// `aim-spacy tag RUN TAG...`.
struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tag", abstract: "Add tags to a run.")

    @OptionGroup var repository: RepositoryOption

    @Argument(help: ArgumentHelp("A run hash, a unique hash prefix or a run name.", valueName: "run"))
    var runReference: String

    @Argument(help: "Tags to add.")
    var tags: [String]

    func validate() throws {
        if tags.isEmpty { throw ValidationError("give at least one tag") }
    }

    func run() throws {
        try runReporting { () throws(PipelineError) in try RunCommands.tag(repo: repository.repo, run: runReference, tags: tags) }
    }
}

/// `aim-spacy untag RUN TAG...`.
struct UntagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "untag", abstract: "Remove tags from a run.")

    @OptionGroup var repository: RepositoryOption

    @Argument(help: ArgumentHelp("A run hash, a unique hash prefix or a run name.", valueName: "run"))
    var runReference: String

    @Argument(help: "Tags to remove.")
    var tags: [String]

    func validate() throws {
        if tags.isEmpty { throw ValidationError("give at least one tag") }
    }

    func run() throws {
        try runReporting { () throws(PipelineError) in try RunCommands.untag(repo: repository.repo, run: runReference, tags: tags) }
    }
}
