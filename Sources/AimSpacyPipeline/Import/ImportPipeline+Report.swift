import AimSpacyModel
import AimSpacyReport
import AimSpacyRepository
import Foundation

extension ImportPipeline {
    /// `import … --report DIR`: renders the runs this import wrote (or found unchanged) as a site, with the Errors
    /// pages of their predictions.
    /// Files the tool did not write are replaced only with `force`; never inside the repository.
    public static func renderReport(_ report: Report, into folder: URL, force: Bool = false) throws(PipelineError) -> ReportPipeline.Outcome {
        let repository = try RunCommands.openRepository(report.opened)
        let runs = try RunCommands.wrap { () throws(RepositoryError) in try repository.runs(hashes: report.hashes) }
        return try ReportPipeline.render(
            runs: runs, out: folder, singleFile: nil, options: ReportOptions(), force: force, repository: (repository as? RunRepository)?.directory,
            errors: PredictionErrors.reports(for: runs, store: repository)
        )
    }
}
