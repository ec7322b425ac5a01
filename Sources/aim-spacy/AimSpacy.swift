import AimSpacyPipeline
import ArgumentParser

/// The `aim-spacy` command line: parses arguments and calls the pipeline.
@main
struct AimSpacyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aim-spacy",
        abstract: "Import finished spaCy trainings into a local repository and render static reports.",
        subcommands: [ImportCommand.self, ConfigCommand.self, LogCommand.self, DocBinCommand.self, ArchiveCommand.self, VerifyCommand.self, ExtractCommand.self, RunsCommand.self, ShowCommand.self, MetricsCommand.self, RmCommand.self, TagCommand.self, UntagCommand.self, RenameCommand.self, RepoCommand.self, DisplacyCommand.self, ReportCommand.self, ScoreCommand.self, ExportCommand.self, PredictionsCommand.self]
    )
}
