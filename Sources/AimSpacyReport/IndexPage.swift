import AimSpacyModel

/// The context of `index.mustache`: every run in a table, grouped by experiment.
enum IndexPage {
    static func context(_ plan: SitePlan) -> [String: Any] {
        let path = SitePlan.indexPath
        let columns = ScoreColumns.names(plan.runs)
        var groups: [[String: Any]] = []
        for group in plan.groups {
            var runs: [[String: Any]] = []
            for i in group.runs {
                let run = plan.runs[i]
                let best = ScoreColumns.best(run)
                let final = ScoreColumns.final(run)
                var row: [String: Any] = [
                    "href": plan.href(to: plan.runPaths[i], from: path),
                    "name": ReportText.clean(run.name),
                    "hash": ReportText.clean(run.hash),
                    "shortHash": ReportText.clean(String(run.hash.prefix(8))),
                    "tags": run.tags.map(ReportText.clean),
                    "tagsText": ReportText.clean(run.tags.joined(separator: " ")),
                    "created": ReportDates.minute(run.created),
                    "pipeline": ReportText.clean(run.pipeline.joined(separator: ", ")),
                    "steps": run.steps,
                    "best": ReportText.score(best?.value),
                    "spark": Sparkline.svg(run.series(named: "score")?.points ?? []),
                    "bestSort": best.map { ReportText.number($0.value, significant: 10) } ?? "",
                    "final": ReportText.score(final),
                    "finalSort": final.map { ReportText.number($0, significant: 10) } ?? "",
                    "complete": run.complete,
                    "scores": columns.map { name -> [String: Any] in
                        let v = ScoreColumns.value(run, name)
                        return ["value": ReportText.score(v), "sort": v.map { ReportText.number($0, significant: 10) } ?? ""]
                    },
                ]
                if let best { row["bestStep"] = String(best.step) }
                runs.append(row)
            }
            var g: [String: Any] = [
                "experiment": ReportText.clean(group.experiment ?? "(no experiment)"),
                "runCount": group.runs.count,
                "columnCount": 9 + columns.count,
                "runs": runs,
            ]
            if let compare = group.comparePath { g["compareHref"] = plan.href(to: compare, from: path) }
            groups.append(g)
        }
        var context: [String: Any] = [
            "pageID": SitePlan.pageID(path),
            "runCount": plan.runs.count,
            "experimentCount": plan.groups.count,
            "scoreColumns": columns.map { ["name": ReportText.clean($0)] },
            "groups": groups,
        ]
        if let selection = plan.selectionPath { context["selectionHref"] = plan.href(to: selection, from: path) }
        return context
    }
}
