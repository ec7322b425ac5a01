import AimSpacyModel
import AimSpacyPipeline
import ArgumentParser
import Foundation

/// `aim-spacy log …`: training logs.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Read spaCy training logs.", subcommands: [LogParseCommand.self])
}

/// `aim-spacy log parse FILE [--config FILE] [--json]`.
struct LogParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Decode a console log or ConsoleLogger JSONL into trainings, rows, losses and scores (0–1).")

    @Argument(help: "A console log (stdout, a terminal recording) or the JSONL of ConsoleLogger v2/v3.")
    var file: String

    @Option(help: "The training's config.cfg: resolves column names the console cut (LOSS TEXTC...).")
    var config: String?

    @Flag(help: "Print {\"trainings\": [{\"pipeline\", \"complete\", \"rows\": [...]}]} as JSON.")
    var json = false

    func run() throws {
        do {
            let columns = try config.map { try ConfigColumns.read(file: $0) }
            if json {
                var output = StandardOutput()
                try LogParsing.writeJSON(file: file, pipeline: columns?.pipeline, scoreWeights: columns?.scoreWeights) {
                    output.write($0)
                }
                output.write([0x0A])
                output.flush()
            } else {
                let log = try LogParsing.parse(file: file, pipeline: columns?.pipeline, scoreWeights: columns?.scoreWeights)
                print(TerminalText.escaped(LogParsing.summary(log, file: file)), terminator: "")
            }
        } catch {
            FileHandle.standardError.write(Data(TerminalText.escaped("\(error)\n").utf8))
            throw ExitCode.failure
        }
    }
}
