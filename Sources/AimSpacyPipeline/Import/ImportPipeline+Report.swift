import AimSpacyModel
import AimSpacyReport
import AimSpacyRepository
import Foundation

extension ImportPipeline {
    /// `import … --report DIR`: renders the runs this import wrote (or found unchanged) as a site.
    public static func renderReport(_ report: Report, into folder: URL) throws(PipelineError) -> ReportPipeline.Outcome {
        let repository = try RunCommands.openRepository(report.repository)
        var runs: [Run] = []
        do throws(RepositoryError) {
            for hash in report.hashes {
                if let run = try repository.run(hash: hash) { runs.append(run) }
            }
        } catch {
            throw PipelineError(error.message)
        }
        return try ReportPipeline.render(runs: runs, out: folder, singleFile: nil, options: ReportOptions())
    }
}
