import AimSpacyModel

/// Where each run's Errors pages go, and the run page's Errors section that links to them: one entry per
/// prediction set, saying when its errors were not computed for this report or cannot be shown.
struct ErrorLinks: Sendable {
    /// One prediction set's report and its pages' paths.
    struct Pages: Sendable {
        var report: ErrorReport
        var paths: [String]
    }

    private let plan: SitePlan
    private let byRun: [[Pages]]

    init(plan: SitePlan, errors: [String: [ErrorReport]], docsPerPage: Int) {
        self.plan = plan
        var taken = Set(plan.runPaths)
        byRun = plan.runs.enumerated().map { i, run in
            (errors[run.hash] ?? []).map { report in
                let paths = ErrorPage.paths(
                    runPath: plan.runPaths[i], model: report.model, docs: report.unavailable == nil ? report.docs.count : 0,
                    docsPerPage: docsPerPage, taken: taken)
                taken.formUnion(paths)
                return Pages(report: report, paths: paths)
            }
        }
    }

    func sets(run: Int) -> [Pages] { byRun[run] }

    /// `hasPredictions`, `predictionSets[model, gold, predicted, docs, href, pages, note]` of `run.mustache`.
    func add(run i: Int, to context: inout [String: Any]) {
        let run = plan.runs[i]
        let from = plan.runPaths[i]
        let sets = byRun[i]
        context["hasPredictionSets"] = !run.predictions.isEmpty || !sets.isEmpty
        var rows: [[String: Any]] = sets.map { set in
            var row: [String: Any] = [
                "model": ReportText.clean(set.report.model), "gold": ReportText.clean(set.report.gold),
                "predicted": ReportText.clean(set.report.predicted), "docs": set.report.docCount,
                "href": plan.href(to: set.paths[0], from: from), "pages": set.paths.count,
            ]
            if let why = set.report.unavailable { row["note"] = ReportText.clean("errors cannot be shown: " + why) }
            return row
        }
        if sets.isEmpty {
            rows = run.predictions.map { p in
                [
                    "model": ReportText.clean(p.model), "gold": ReportText.clean(SharedPath.shown(p.gold)),
                    "predicted": ReportText.clean(SharedPath.shown(p.predicted)), "docs": p.docs,
                    "note": "errors not rendered in this report (aim-spacy report renders them from the repository)",
                ]
            }
        }
        for (k, set) in run.predictions.enumerated() where k < rows.count {
            Self.addPerformance(of: set, run: run, to: &rows[k])
        }
        context["predictionSets"] = rows
    }

    /// `performanceSummary`, `performance[name, predicted, meta, flag]`: the set's flat scores beside the
    /// `meta.json` performance of its model, a difference flagged in words.
    private static func addPerformance(of set: PredictionSet, run: Run, to row: inout [String: Any]) {
        let final = run.finalScores.first { $0.model == set.model }
        let comparisons = set.performance(beside: final)
        guard !comparisons.isEmpty else { return }
        let differing = comparisons.count(where: \.differs)
        row["performanceSummary"] = final == nil ? "scores (no meta.json performance of \(ReportText.clean(set.model)) to compare)"
            : differing == 0 ? "scores, in agreement with \(ReportText.clean(set.model))/meta.json"
            : "scores: \(differing) differ from \(ReportText.clean(set.model))/meta.json"
        row["performance"] = comparisons.map { c -> [String: Any] in
            [
                "name": ReportText.clean(c.name), "predicted": ReportText.score(c.predicted),
                "meta": c.inMeta ? ReportText.score(c.meta) : "",
                "flag": c.difference.map { "differs by \(ReportText.number($0))" } ?? (c.differs ? "differs" : ""),
            ]
        }
    }
}
