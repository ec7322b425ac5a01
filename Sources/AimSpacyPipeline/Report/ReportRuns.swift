import AimSpacyModel
import AimSpacyRepository

/// Selects the runs a report shows from the run repository.
public enum ReportRuns {
    /// The runs of `repository` matching `query` or named by `selectors` (all runs when neither is given).
    public static func load(repository: String?, query: String?, selectors: [String]) throws(PipelineError) -> [Run] {
        let compiled = try RunCommands.compile(query)
        let repo = try RunCommands.openRepository(repository)
        do throws(RepositoryError) {
            let chosen = try repo.resolveAll(selectors)
            var hashes = chosen
            if compiled != nil || selectors.isEmpty {
                hashes = try repo.runs(matching: compiled).map(\.hash)
                if !selectors.isEmpty { hashes = hashes.filter(chosen.contains) }
            }
            return try repo.runs(hashes: hashes)
        } catch {
            throw PipelineError(error.message)
        }
    }
}
