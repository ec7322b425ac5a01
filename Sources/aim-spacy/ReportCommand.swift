import AimSpacyModel
import AimSpacyPipeline
import AimSpacyReport
import ArgumentParser
import Foundation

/// `aim-spacy report`: renders runs of the repository as a static HTML/SVG report, or re-validates one.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render runs as a static HTML/SVG report (no server, no external resources), or check one.",
        discussion: "With --check DIR, re-validates every page and SVG of a rendered report with libxml2."
    )

    @Option(help: "The run repository (default: $AIM_SPACY_REPO, else ./.aim-spacy).") var repo: String?
    @Option(help: "Select runs with a query expression instead of naming them.") var query: String?
    @Argument(help: "Runs to report (hash, hash prefix or name); all runs when none is given.") var runs: [String] = []
    @Option(help: "The folder to write the site into.") var out: String?
    @Option(name: .customLong("single-file"), help: "Also write the whole report as one HTML file.") var singleFile: String?
    @Option(help: "A folder of *.mustache templates replacing the built-in ones of the same name.") var templates: String?
    @Option(help: "EMA smoothing of chart lines, 0 to 0.99 (debiased, as TensorBoard).") var smoothing: Double = 0.6
    @Option(name: .customLong("max-points"), help: "At most this many points per chart line.") var maxPoints: Int = 1000
    @Option(help: "The report's title.") var title: String = "aim-spacy report"
    @Option(name: .customLong("docs-per-page"), help: "At most this many docs on one page of a run's Errors pages.") var docsPerPage: Int = 50
    @Option(help: "Validate the report in this folder (or this single HTML file) instead of rendering.") var check: String?
    @Flag(help: "Replace files in the way that aim-spacy did not write (it replaces its own earlier pages anyway).") var force = false
    @Flag(name: .customLong("absolute-paths"), help: "Show corpora and sources with their absolute local paths (default: relative to the training folder).") var absolutePaths = false

    func run() async throws {
        do {
            if let check {
                let result = try ReportPipeline.check(directory: URL(fileURLWithPath: check))
                for problem in result.problems { FileHandle.standardError.write(Data(TerminalText.escaped(problem + "\n").utf8)) }
                guard result.problems.isEmpty else { throw ExitCode(1) }
                print("\(check): \(result.files) file(s) valid")
                return
            }
            guard out != nil || singleFile != nil else {
                throw PipelineError("report: expected --out DIR or --single-file FILE.html (or --check DIR)")
            }
            let options = ReportOptions(
                title: title, smoothing: smoothing, maxPoints: maxPoints, templatesDirectory: templates,
                absolutePaths: absolutePaths, docsPerPage: docsPerPage
            )
            let selected = try ReportRuns.load(repository: repo, query: query, selectors: runs)
            let outcome = try ReportPipeline.render(
                runs: selected, out: out.map { URL(fileURLWithPath: $0, isDirectory: true) },
                singleFile: singleFile.map { URL(fileURLWithPath: $0) }, options: options, force: force,
                repository: RunCommands.directory(repo), errors: try PredictionErrors.load(runs: selected, repository: repo)
            )
            print("\(outcome.runs) run(s): \(outcome.written.count) file(s) written, \(outcome.unchanged.count) unchanged, \(outcome.bytes) bytes")
        } catch let error as PipelineError {
            printError(error)
            throw ExitCode(1)
        }
    }
}
