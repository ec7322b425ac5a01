import AimSpacyPipeline
import ArgumentParser
import Foundation

/// `aim-spacy import PATH...`: finished trainings into runs of the repository.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import finished spaCy trainings (output folders, project folders, logs, configs, archives).",
        discussion: """
            Logs are recognised by content. The settings of spacy.AimLogger.v1 come from the training's
            [training.logger] section; the flags below override them.
            """
    )

    @Argument(help: "Folders, files, archives (.zip) or globs.")
    var paths: [String]

    @Option(help: "The repository: a directory or a postgresql:// URL (default: the AimLogger's repo, else $AIM_SPACY_REPO, else ./.aim-spacy).")
    var repo: String?

    @Option(help: "Experiment name (AimLogger experiment_name).")
    var experiment: String?

    @Option(name: .customLong("viz-path"), help: "A .spacy file whose docs are rendered at the sampled steps.")
    var vizPath: String?

    @Option(name: .customLong("model-log-interval"), help: "Render viz docs at every logged step divisible by this.")
    var modelLogInterval: Int?

    @Option(name: .customLong("image-size"), help: "Frame of the renders in reports, \"width,height\".")
    var imageSize: String?

    @Option(name: .customLong("experiment-type"), help: "ner, dep or span: the displaCy style of the renders.")
    var experimentType: String?

    @Option(name: .customLong("viz-docs"), help: "How many docs of viz_path to render.")
    var vizDocs = 10

    @Option(help: "Run name (default: the training folder's name).")
    var name: String?

    @Option(name: .customLong("tag"), help: "A tag for the imported runs (repeatable).")
    var tags: [String] = []

    @Flag(help: "Replace an earlier run of the same folder whose files changed.")
    var replace = false

    @Option(help: "Also render a static report of the imported runs into this folder.")
    var report: String?

    @Flag(help: "Let --report replace files in its folder that aim-spacy did not write.")
    var force = false

    @Flag(help: "Print what was imported as JSON.")
    var json = false

    @Option(name: .customLong("max-inflated-size"), help: ArgumentHelp(stringLiteral: InflatedSizeOption.help))
    var maxInflatedSize: String?

    @Option(name: .customLong("predictions"), help: "[MODEL=]PRED.spacy: predictions of the training's MODEL (model-best, the default, or model-last) to score and attach (repeatable).")
    var predictions: [String] = []

    @Option(name: .customLong("gold"), help: "The gold .spacy file of the --predictions before it (default: the config's paths.dev).")
    var gold: [String] = []

    func run() async throws {
        let options: ImportOptions
        do throws(PipelineError) {
            options = ImportOptions(
                paths: paths, repo: repo, experiment: experiment, vizPath: vizPath, modelLogInterval: modelLogInterval,
                imageSize: imageSize, experimentType: experimentType, vizDocs: vizDocs, replace: replace, name: name,
                tags: tags, inflateLimits: try InflatedSizeOption.limits(maxInflatedSize),
                predictions: try PredictionRequest.paired(arguments: Array(CommandLine.arguments.dropFirst()))
            )
            guard options.predictions.count == predictions.count, options.predictions.compactMap(\.gold).count == gold.count else {
                throw PipelineError("import: each --gold must follow the --predictions it scores")
            }
        } catch {
            printError(error)
            throw ExitCode.failure
        }
        let progress: (@Sendable (String) -> Void)? = isatty(2) != 0 ? { @Sendable line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        } : nil
        let report: ImportPipeline.Report
        do {
            report = try await ImportPipeline.run(options, progress: progress)
        } catch {
            printError(error)
            throw ExitCode.failure
        }
        for line in report.diagnostics { FileHandle.standardError.write(Data((line + "\n").utf8)) }
        print(json ? report.jsonText : report.text, terminator: json ? "\n" : "")
        if let folder = self.report {
            do {
                let outcome = try ImportPipeline.renderReport(report, into: URL(fileURLWithPath: folder, isDirectory: true), force: force)
                if !json { print(TerminalText.escaped("report: \(folder) (\(outcome.runs) runs, \(outcome.written.count) files written)")) }
            } catch {
                printError(error)
                throw ExitCode.failure
            }
        }
        if report.failed { throw ExitCode.failure }
    }
}
