import AimSpacyPipeline
import ArgumentParser

extension RepoCommand {
    /// `aim-spacy repo copy --from REPO --to REPO [--query EXPR]`.
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy runs with their objects between two repositories (folders or postgresql:// URLs)."
        )

        @Option(help: "The repository to copy from.")
        var from: String

        @Option(help: "The repository to copy to (created when missing).")
        var to: String

        @Option(help: "Copy only the runs this query selects.")
        var query: String?

        func run() throws {
            try runReporting { () throws(PipelineError) in
                RepositoryCopy.text(try RepositoryCopy.copy(from: from, to: to, query: query), from: from, to: to)
            }
        }
    }
}
