import AimSpacyPipeline
import ArgumentParser

/// `aim-spacy rm RUN...`.
struct RmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Remove runs from the repository (their objects stay until `repo check --fix`)."
    )

    @OptionGroup var repository: RepositoryOption

    @Argument(help: "Run hashes, unique hash prefixes or run names.")
    var runs: [String]

    func validate() throws {
        if runs.isEmpty { throw ValidationError("give at least one run") }
    }

    func run() throws {
        try runReporting { () throws(PipelineError) in try RunCommands.remove(repo: repository.repo, runs: runs) }
    }
}
