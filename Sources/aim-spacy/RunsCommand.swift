import AimSpacyPipeline
import ArgumentParser

/// `aim-spacy runs [--query EXPR] [--json]`.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the runs of the repository, optionally those a query selects.",
        discussion: """
            EXPR is Python-like: run.experiment == "ner" and run.hparams.training.optimizer.learn_rate < 0.001,
            "alice" in run.name, "baseline" in run.tags, run.final.ents_f >= 0.7, metric("ents_f").max > 0.8,
            metric("loss", component="ner").last < 100, not run.complete.
            """
    )

    @OptionGroup var repository: RepositoryOption

    @Option(help: "Keep only the runs for which this expression is true.")
    var query: String?

    @Flag(help: "Print a JSON array, one object per run.")
    var json = false

    func run() throws {
        try runReporting { () throws(PipelineError) in try RunCommands.runs(repo: repository.repo, query: query, json: json) }
    }
}
