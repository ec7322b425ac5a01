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

    @Option(name: .long, help: "Refuse archives that inflate to more bytes than this (default 8 GiB).")
    var maxBytes: UInt64?

    @Option(name: .long, help: "Refuse archives with more entries than this (default 100000).")
    var maxEntries: Int?

    func run() throws {
        do {
            let summary = try ArchivePipeline.extract(
                URL(fileURLWithPath: file), to: URL(fileURLWithPath: to), force: force,
                maxBytes: maxBytes, maxEntries: maxEntries
            )
            print(TerminalText.escaped("\(to): \(summary.files.count) files, \(summary.bytes) bytes extracted"))
        } catch {
            throw ArchiveDiagnostics.failure(error)
        }
    }
}
