import AimSpacyPipeline
import ArgumentParser
import Foundation

/// `aim-spacy config …`: read spaCy training configs.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Read spaCy config.cfg files as spaCy (confection) reads them.",
        subcommands: [Show.self]
    )

    /// `aim-spacy config show FILE.cfg [--json] [--no-interpolate] [--set section.key=value ...]`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a config, interpolated unless --no-interpolate, as cfg text or JSON.")

        @Argument(help: "The config file (config.cfg).")
        var file: String

        @Flag(help: "Print JSON (sorted keys) instead of cfg text.")
        var json = false

        @Flag(name: .customLong("no-interpolate"), help: "Keep ${section.key} variables as written.")
        var noInterpolate = false

        @Option(name: .customLong("set"), help: "Override a value like spacy train does: section.key=value.")
        var assignments: [String] = []

        func run() throws {
            let options = ConfigShow.Options(json: json, interpolate: !noInterpolate, assignments: assignments)
            do {
                print(try ConfigShow.render(path: file, options: options))
            } catch {
                FileHandle.standardError.write(Data(TerminalText.escaped("\(error)\n").utf8))
                throw ExitCode(1)
            }
        }
    }
}
