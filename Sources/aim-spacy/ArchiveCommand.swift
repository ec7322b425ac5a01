import AimSpacyPipeline
import ArgumentParser
import Foundation

/// `aim-spacy archive PATH|RUN... --out FILE.zip`: a deterministic, verifiable zip of experiments.
struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Archive experiment folders into a deterministic zip with a MANIFEST.json."
    )

    @Argument(help: "Experiment folders (or run hashes, once archive reads the repository).")
    var items: [String]

    @Option(name: .long, help: "The zip file to write.")
    var out: String

    @Flag(name: .long, help: "Keep model weights (everything under model-*/ but meta.json and config.cfg).")
    var includeModels = false

    @Flag(name: .long, help: "Leave the rendered report out.")
    var noReport = false

    func run() throws {
        do {
            let folders = try ArchivePipeline.experimentFolders(arguments: items)
            // The runs' data and the report come from import and report once those stages are wired in.
            let outcome = try ArchivePipeline.archive(
                paths: folders, out: URL(fileURLWithPath: out), includeModels: includeModels, runsJSON: [:], report: [:]
            )
            for note in outcome.notes { ArchiveDiagnostics.note(note) }
            ArchiveDiagnostics.note("runs' data and report not included: archive does not import the folders yet")
            print("\(out): \(outcome.entryCount) entries archived")
        } catch {
            throw ArchiveDiagnostics.failure(error)
        }
    }
}

/// One-line messages on stderr for the archive commands.
enum ArchiveDiagnostics {
    static func note(_ text: String) {
        FileHandle.standardError.write(Data("note: \(text)\n".utf8))
    }

    /// Prints `error: …` on stderr and returns the exit status to throw.
    static func failure(_ error: any Error) -> ExitCode {
        let message = (error as? PipelineError)?.message ?? String(describing: error)
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        return ExitCode.failure
    }
}
