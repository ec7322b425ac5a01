import AimSpacyModel
import AimSpacyReport
import Foundation

/// `aim-spacy report`: renders runs as a static site (or one HTML file) and re-validates sites.
public enum ReportPipeline {
    /// What a render wrote.
    public struct Outcome: Sendable, Equatable {
        public var runs: Int
        /// Files written (changed or new) and left alone (same bytes), relative to the output.
        public var written: [String]
        public var unchanged: [String]
        /// Total size of the report in bytes.
        public var bytes: Int
    }

    /// Renders `runs` into the folder `out`, and/or as one file `singleFile`; only changed files are
    /// written, never into the `repository` folder, and a file the tool did not write only with `force`.
    /// `errors`: the runs' Errors pages (`PredictionErrors`), by run hash.
    public static func render(
        runs: [Run], out: URL?, singleFile: URL?, options: ReportOptions, force: Bool = false, repository: URL? = nil,
        errors: [String: [ErrorReport]] = [:]
    ) throws(PipelineError) -> Outcome {
        guard out != nil || singleFile != nil else { throw PipelineError("report: expected --out DIR or --single-file FILE.html") }
        if let repository {
            for target in [out, singleFile].compactMap({ $0 }) where PathContainment.isInside(target, repository) {
                throw PipelineError("\(target.path): inside the repository \(repository.path); write the report elsewhere")
            }
        }
        var outcome = Outcome(runs: runs.count, written: [], unchanged: [], bytes: 0)
        do throws(ReportError) {
            if let out {
                var siteOptions = options
                siteOptions.singleFile = false
                let files = try ReportSite.render(runs: runs, options: siteOptions, errors: errors)
                let summary = try ReportFiles.write(files, to: out, force: force)
                outcome.written += summary.written
                outcome.unchanged += summary.unchanged
                outcome.bytes += files.values.reduce(0) { $0 + $1.count }
            }
            if let singleFile {
                var singleOptions = options
                singleOptions.singleFile = true
                let files = try ReportSite.render(runs: runs, options: singleOptions, errors: errors)
                guard let page = files["index.html"] else { throw ReportError("single-file report was not rendered") }
                let summary = try ReportFiles.write(
                    [singleFile.lastPathComponent: page], to: singleFile.deletingLastPathComponent(), force: force
                )
                outcome.written += summary.written.map { _ in singleFile.path }
                outcome.unchanged += summary.unchanged.map { _ in singleFile.path }
                outcome.bytes += page.count
            }
        } catch {
            throw PipelineError(error.message)
        }
        return outcome
    }

    /// The site's files in memory (path → bytes), for archives.
    public static func files(runs: [Run], options: ReportOptions) throws(PipelineError) -> [String: [UInt8]] {
        do throws(ReportError) {
            return try ReportSite.render(runs: runs, options: options)
        } catch {
            throw PipelineError(error.message)
        }
    }

    /// Validates every page and SVG of the site in `directory`; problems as `path: line:column: message`.
    public static func check(directory: URL) throws(PipelineError) -> (files: Int, problems: [String]) {
        do throws(ReportError) {
            return try ReportFiles.check(directory: directory)
        } catch {
            throw PipelineError(error.message)
        }
    }
}
