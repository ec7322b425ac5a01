import AimSpacyPipeline
import ArgumentParser

/// `aim-spacy runs [--query EXPR] [--json]`.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the runs of the repository, optionally those a query selects.",
        discussion: """
            EXPR is Python-like, in the spirit of Aim's AimQL: comparisons
            (== != < <= > >=, chained), and, or, not, in, not in, is None,
            parentheses, string/number/True/False/None/[list] literals, over:
              run.hash  run.name  run.experiment  run.description  run.lang
              run.spacy_version  run.pipeline  run.tags  run.complete
              run.steps  run.created  run.imported  (times: UTC ISO 8601 text)
              run.creation_time (seconds since 1970, as in Aim)
              run.hparams.<config path>   run.evaluation.<path>
              run.final.<score> (model-best)  run.final_last.<score>
              run.labels (components)  run.labels.<component> (its labels)
              run.datasets.<role>.docs / .tokens / .sentences / .path
              metric("ents_f").last   metric("loss", component="ner").min
              (fields: .last .max .min .count)
            Examples:
              run.experiment == "ner" and run.hparams.training.optimizer.learn_rate < 0.001
              "alice" in run.name
              "baseline" in run.tags and run.final.ents_f >= 0.7
              metric("ents_f").max > 0.8 and not run.complete
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
