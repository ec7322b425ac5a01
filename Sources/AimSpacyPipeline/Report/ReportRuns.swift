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

    /// The runs named by `selectors`, each a full hash, a unique hash prefix (4+ characters) or a run name
    /// (every run of that name); all runs when there are no selectors. Order follows `runs`, without repeats.
    public static func select(_ runs: [Run], selectors: [String]) throws(PipelineError) -> [Run] {
        guard !selectors.isEmpty else { return runs }
        var chosen: Set<String> = []
        for selector in selectors {
            let exact = runs.filter { $0.hash == selector }
            let named = runs.filter { $0.name == selector }
            let prefixed = selector.count >= 4 ? runs.filter { $0.hash.hasPrefix(selector) } : []
            let matches: [Run]
            if !exact.isEmpty {
                matches = exact
            } else if !named.isEmpty {
                matches = named
            } else if prefixed.count == 1 {
                matches = prefixed
            } else if prefixed.count > 1 {
                throw PipelineError("error: run '\(selector)': hash prefix matches \(prefixed.count) runs; give more characters")
            } else {
                throw PipelineError("error: run '\(selector)': no run has this hash, hash prefix or name")
            }
            for run in matches { chosen.insert(run.hash) }
        }
        return runs.filter { chosen.contains($0.hash) }
    }
}
