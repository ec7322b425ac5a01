import AimSpacyPipeline
import ArgumentParser
import Foundation

/// `--repo DIR`, shared by the commands over stored runs.
struct RepositoryOption: ParsableArguments {
    @Option(name: .long, help: "The repository: a directory or a postgresql:// URL (default: $AIM_SPACY_REPO, else ./.aim-spacy).")
    var repo: String?
}

/// Prints a pipeline error on stderr and fails; prints `output` on stdout otherwise.
func runReporting(_ body: () throws(PipelineError) -> String) throws {
    do {
        print(try body(), terminator: "")
    } catch {
        printError(error)
        throw ExitCode.failure
    }
}

func printError(_ error: PipelineError) {
    FileHandle.standardError.write(Data((error.diagnostic + "\n").utf8))
}

/// `aim-spacy repo check [--fix]`.
struct RepoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repo",
        abstract: "Maintain the run repository.",
        subcommands: [Check.self, Copy.self, Fill.self]
    )

    /// Benchmark and crash-test helper: writes synthetic runs as an import would.
    struct Fill: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Insert synthetic runs (for benchmarks and crash tests).", shouldDisplay: false
        )

        @OptionGroup var repository: RepositoryOption

        @Option(help: "How many runs to write.")
        var count = 1000

        @Option(help: "The number of the first run.")
        var start = 0

        func run() throws {
            try runReporting { () throws(PipelineError) in
                try SyntheticRuns.fill(repo: repository.repo, start: start, count: count)
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check database integrity and the object store; report orphan objects and renders."
        )

        @OptionGroup var repository: RepositoryOption

        @Flag(help: "Remove orphan objects, orphan renders and leftover temporary files.")
        var fix = false

        func run() throws {
            let result: (text: String, clean: Bool)
            do {
                result = try RunCommands.check(repo: repository.repo, fix: fix)
            } catch {
                printError(error)
                throw ExitCode.failure
            }
            print(TerminalText.escaped(result.text), terminator: "")
            if !result.clean { throw ExitCode.failure }
        }
    }
}
