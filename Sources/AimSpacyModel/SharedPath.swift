/// How a shared report or archive shows a local path the repository keeps: a path relative to the
/// training folder as it is, anything else (absolute, or leading out with `..`) by its file name, so
/// what is shared does not tell who made it and where.
public enum SharedPath {
    public static func shown(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard path.hasPrefix("/") || path.hasPrefix("~") || parts.contains("..") else { return path }
        return parts.last.map(String.init) ?? path
    }
}

extension Run {
    /// The run with the local paths it keeps (datasets, sources, predictions, the logger's `repo` and `viz_path`)
    /// as `SharedPath` shows them.
    public func withSharedPaths() -> Run {
        var run = self
        run.settings.repo = run.settings.repo.map(SharedPath.shown)
        run.settings.vizPath = run.settings.vizPath.map(SharedPath.shown)
        for i in run.datasets.indices { run.datasets[i].path = SharedPath.shown(run.datasets[i].path) }
        for i in run.sources.indices { run.sources[i].path = SharedPath.shown(run.sources[i].path) }
        for i in run.predictions.indices {
            run.predictions[i].gold = SharedPath.shown(run.predictions[i].gold)
            run.predictions[i].predicted = SharedPath.shown(run.predictions[i].predicted)
        }
        return run
    }
}
