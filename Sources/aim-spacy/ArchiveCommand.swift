import AimSpacyPipeline
import ArgumentParser
import Foundation

/// `aim-spacy archive PATH|RUN... --out FILE.zip`: a deterministic, verifiable zip of experiments.
struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Archive experiment folders into a deterministic zip with a MANIFEST.json."
    )

    @Argument(help: "Experiment folders, or runs of the repository (hash, unique prefix or name).")
    var items: [String]

    @Option(name: .long, help: "The repository the runs are read from (default: $AIM_SPACY_REPO, else ./.aim-spacy).")
    var repo: String?

    @Option(name: .long, help: "The zip file to write.")
    var out: String

    @Flag(name: .long, help: "Keep model weights (everything under model-*/ but meta.json and config.cfg).")
    var includeModels = false

    @Flag(name: .long, help: "Leave the rendered report out.")
    var noReport = false

    @Flag(name: .long, help: "Replace an existing --out file that is not an archive aim-spacy wrote.")
    var force = false

    func run() throws {
        do {
            let outcome = try ArchivePipeline.archiveCommand(
                arguments: items, repo: repo, out: URL(fileURLWithPath: out), includeModels: includeModels, includeReport: !noReport,
                force: force
            )
            for note in outcome.notes { ArchiveDiagnostics.note(note) }
            print("\(out): \(outcome.entryCount) entries archived")
        } catch {
            throw ArchiveDiagnostics.failure(error)
        }
    }
}

/// One-line messages on stderr for the archive commands.
enum ArchiveDiagnostics {
    static func note(_ text: String) {
        FileHandle.standardError.write(Data(TerminalText.escaped("note: \(text)\n").utf8))
    }

    /// Prints `error: …` on stderr and returns the exit status to throw.
    static func failure(_ error: any Error) -> ExitCode {
        let line = (error as? PipelineError)?.diagnostic ?? PipelineError("\(error)").diagnostic
        FileHandle.standardError.write(Data("\(line)\n".utf8))
        return ExitCode.failure
    }
}
