import AimSpacyPipeline
import ArgumentParser
import Foundation

/// `aim-spacy extract FILE.zip --to DIR`: extracts an archive, refusing anything unsafe.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract an archive into a folder; refuses unsafe names, symlinks and zip bombs."
    )

    @Argument(help: "The archive to extract.")
    var file: String

    @Option(name: .long, help: "The folder to extract into (created when missing).")
    var to: String

    @Flag(name: .long, help: "Replace files that already exist.")
    var force = false

    func run() throws {
        do {
            let summary = try ArchivePipeline.extract(URL(fileURLWithPath: file), to: URL(fileURLWithPath: to), force: force)
            print("\(to): \(summary.files.count) files, \(summary.bytes) bytes extracted")
        } catch {
            throw ArchiveDiagnostics.failure(error)
        }
    }
}
