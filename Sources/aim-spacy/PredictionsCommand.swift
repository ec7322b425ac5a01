import AimSpacyPipeline
import ArgumentParser

/// `aim-spacy predictions add RUN [MODEL=]PRED.spacy [--gold GOLD.spacy] [--replace] [--repo REPO]`.
struct PredictionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predictions",
        abstract: "Attach scored predictions to runs already in the repository.",
        subcommands: [Add.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score a predicted DocBin with a run's stored model config and meta, and attach it to the run.",
            discussion: """
                The run keeps one set per model and gold DocBin. The same predicted DocBin again changes nothing;
                a different one for the same model and gold is refused unless --replace.
                """
        )

        @OptionGroup var repository: RepositoryOption

        @Argument(help: ArgumentHelp("The run: a hash, a unique hash prefix or a name.", valueName: "run"))
        var reference: String

        @Argument(help: "[MODEL=]PRED.spacy: the predicted docs, in the gold docs' order; MODEL is model-best (default) or model-last.")
        var predictions: String

        @Option(help: "The gold .spacy file (default: the run's stored paths.dev corpus).")
        var gold: String?

        @Flag(help: "Replace predictions already attached for the same model and gold.")
        var replace = false

        @Option(name: .customLong("max-inflated-size"), help: ArgumentHelp(stringLiteral: InflatedSizeOption.help))
        var maxInflatedSize: String?

        func run() throws {
            try runReporting { () throws(PipelineError) in
                let request = try PredictionRequest(argument: predictions, gold: gold)
                return try PredictionsAdd.run(
                    reference, request: request, repo: repository.repo, replace: replace,
                    limits: try InflatedSizeOption.limits(maxInflatedSize)
                ).text
            }
        }
    }
}
