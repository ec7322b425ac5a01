import AimSpacyModel
import AimSpacyRepository

/// Selects the runs a report shows from the run repository.
public enum ReportRuns {
    /// The runs of `repository` matching `query` or named by `selectors` (all runs when neither is given).
    public static func load(repository: String?, query: String?, selectors: [String]) throws(PipelineError) -> [Run] {
        let compiled: RunQuery?
        do {
            compiled = try query.map { text throws(QueryError) in try RunQuery(text) }
        } catch {
            throw PipelineError(error.description)
        }
        let repo = try RunCommands.openRepository(repository)
        do throws(RepositoryError) {
            var hashes = try repo.runs(matching: compiled).map(\.hash)
            if !selectors.isEmpty {
                var chosen: [String] = []
                for selector in selectors {
                    let hash = try repo.resolve(selector)
                    if !chosen.contains(hash) { chosen.append(hash) }
                }
                hashes = compiled == nil ? chosen : hashes.filter(chosen.contains)
            }
            var runs: [Run] = []
            for hash in hashes {
                if let run = try repo.run(hash: hash) { runs.append(run) }
            }
            return runs
        } catch {
            throw PipelineError(error.message)
        }
    }
}
