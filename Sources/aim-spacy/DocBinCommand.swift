import AimSpacyModel
import AimSpacyPipeline
import ArgumentParser
import Foundation

/// `aim-spacy docbin dump|stats FILE.spacy`: read spaCy's DocBin files.
struct DocBinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docbin",
        abstract: "Read spaCy DocBin (.spacy) files.",
        subcommands: [Dump.self, Stats.self]
    )

    struct Dump: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every doc as Doc.to_json(), one JSON object per line.")

        @Argument(help: "A .spacy file.") var file: String
        @Option(name: .customLong("max-inflated-size"), help: ArgumentHelp(stringLiteral: InflatedSizeOption.help))
        var maxInflatedSize: String?

        func run() throws {
            do {
                let limits = try InflatedSizeOption.limits(maxInflatedSize)
                var output = StandardOutput()
                try DocBinDump.run(path: file, limits: limits) { line in output.write(line) }
                output.flush()
            } catch {
                throw fail(error)
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count docs, tokens, sentences, entities, spans and cats without building docs.")

        @Argument(help: "A .spacy file.") var file: String
        @Flag(help: "Print JSON instead of a table.") var json = false
        @Flag(help: .hidden) var inflateOnly = false
        @Option(name: .customLong("max-inflated-size"), help: ArgumentHelp(stringLiteral: InflatedSizeOption.help))
        var maxInflatedSize: String?

        func run() throws {
            do {
                let limits = try InflatedSizeOption.limits(maxInflatedSize)
                if inflateOnly {
                    print(try DocBinStats.inflatedSize(path: file, limits: limits))
                    return
                }
                let counts = try DocBinStats.counts(path: file, limits: limits)
                print(json ? DocBinStats.json(counts).serialized() : TerminalText.escaped(DocBinStats.table(counts, path: file)), terminator: json ? "\n" : "")
            } catch {
                throw fail(error)
            }
        }
    }
}

/// Prints one line on stderr and turns any error into a non-zero exit.
private func fail(_ error: any Error) -> ExitCode {
    FileHandle.standardError.write(Data(TerminalText.escaped("aim-spacy: \(error)\n").utf8))
    return ExitCode.failure
}
