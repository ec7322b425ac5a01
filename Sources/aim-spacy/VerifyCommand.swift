import AimSpacyPipeline
import ArgumentParser
import Foundation

/// `aim-spacy verify FILE.zip`: checks every entry against the archive's manifest.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every entry of an archive against its MANIFEST.json; exit 1 on any difference."
    )

    @Argument(help: "The archive to check.")
    var file: String

    func run() throws {
        let report: ArchivePipeline.VerifyOutcome
        do {
            report = try ArchivePipeline.verify(URL(fileURLWithPath: file))
        } catch {
            throw ArchiveDiagnostics.failure(error)
        }
        for line in report.problems { print(TerminalText.escaped(line)) }
        guard report.isIntact else {
            throw ArchiveDiagnostics.failure(PipelineError("\(file): \(report.problems.count) entr\(report.problems.count == 1 ? "y differs" : "ies differ") from the manifest"))
        }
        print("\(file): ok, \(report.intactCount) entries match the manifest")
    }
}
