import AimSpacyPipeline
import ArgumentParser

/// The `aim-spacy` command line: parses arguments and calls the pipeline.
@main
struct AimSpacyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aim-spacy",
        abstract: "Import finished spaCy trainings into a local repository and render static reports.",
        subcommands: [ReportCommand.self]
    )
}
