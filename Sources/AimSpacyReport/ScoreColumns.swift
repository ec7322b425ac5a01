import AimSpacyModel

/// The scores that summarise runs in tables: the `score` series, and the main flat scores of model-best
/// (`ents_f`, `spans_sc_p`…), or the logged score series when no pipeline was saved.
enum ScoreColumns {
    /// Main score names across runs, in first-seen order, at most `limit`.
    static func names(_ runs: [Run], limit: Int = 8) -> [String] {
        var names: [String] = []
        var seen: Set<String> = []
        for run in runs {
            let candidates: [String]
            if let best = bestModel(run) {
                candidates = best.scores.filter { $0.value != nil }.map(\.name)
            } else {
                candidates = run.series.map(\.name)
            }
            for name in candidates where isMain(name) && !seen.contains(name) {
                seen.insert(name)
                names.append(name)
            }
        }
        return Array(names.prefix(limit))
    }

    static func isMain(_ name: String) -> Bool {
        !(name.hasSuffix("loss") || name == "score" || name == "speed" || name.contains("per_type") || name.contains("per_feat"))
    }

    static func bestModel(_ run: Run) -> FinalScores? {
        run.finalScores.first { $0.model == "model-best" } ?? run.finalScores.first
    }

    /// The run's value for a main score: model-best's, else the last logged value.
    static func value(_ run: Run, _ name: String) -> Double? {
        if let best = bestModel(run), let v = best.score(name) { return v }
        return run.series.first { $0.name == name && $0.context.isEmpty }?.last
    }

    /// The highest `score` logged, with its point.
    static func best(_ run: Run) -> MetricPoint? {
        guard let series = run.series(named: "score") else { return nil }
        var best: MetricPoint?
        for p in series.points where p.value.isFinite && p.value > (best?.value ?? -.infinity) { best = p }
        return best
    }

    static func final(_ run: Run) -> Double? { run.series(named: "score")?.last }

    /// Lower is better for losses.
    static func lowerIsBetter(_ name: String) -> Bool { name.hasSuffix("loss") }
}
