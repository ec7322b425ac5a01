import AimSpacyModel

/// Selects the runs a report shows from the run repository.
public enum ReportRuns {
    /// The runs of `repository` matching `query` or named by `selectors` (all runs when neither is given).
    public static func load(repository: String, query: String?, selectors: [String]) throws(PipelineError) -> [Run] {
        throw PipelineError(
            "error: \(repository): reading runs needs the run repository (AimSpacyRepository), which this build does not include yet"
        )
    }
}
