import AimSpacyModel

/// The context of `compare.mustache`: runs overlaid in one colour each, scores side by side, config diff.
enum ComparePage {
    static func context(_ plan: SitePlan, indices: [Int], path: String, heading: String, options: ReportOptions) -> [String: Any] {
        let pageID = SitePlan.pageID(path)
        let runs = indices.map { plan.runs[$0] }
        let names = plan.displayNames(indices)
        let colours = indices.indices.map { ChartRenderer.palette[$0 % ChartRenderer.palette.count] }
        let hrefs = indices.map { plan.href(to: plan.runPaths[$0], from: path) }

        // Scores side by side, best of each column marked.
        let main = ScoreColumns.names(runs)
        let columns = ["best score", "final score"] + main
        let values: [[Double?]] = runs.map { run in
            [ScoreColumns.best(run)?.value, ScoreColumns.final(run)] + main.map { ScoreColumns.value(run, $0) }
        }
        let bests: [Double?] = columns.indices.map { c in
            let column = values.compactMap { $0[c] }.filter(\.isFinite)
            return ScoreColumns.lowerIsBetter(columns[c]) ? column.min() : column.max()
        }
        let rows = runs.indices.map { r -> [String: Any] in
            [
                "name": ReportText.clean(names[r]), "href": hrefs[r], "colour": colours[r],
                "cells": columns.indices.map { c -> [String: Any] in
                    let v = values[r][c]
                    return ["value": ReportText.score(v), "best": v != nil && v == bests[c] && runs.count > 1]
                },
            ]
        }

        var context: [String: Any] = [
            "pageID": pageID,
            "heading": ReportText.clean(heading),
            "runCount": runs.count,
            "runs": runs.indices.map {
                [
                    "name": ReportText.clean(names[$0]), "href": hrefs[$0], "colour": colours[$0],
                    "shortHash": ReportText.clean(String(runs[$0].hash.prefix(8))),
                ]
            },
            "columns": columns.map(ReportText.clean),
            "rows": rows,
            "charts": charts(runs, names: names, colours: colours, pageID: pageID).map {
                ["html": ChartRenderer.render($0, smoothing: options.smoothing, maxPoints: options.maxPoints)]
            },
        ]
        context["smoothingValue"] = ReportText.fixed(options.smoothing, decimals: 2)
        let diff = configDiff(runs)
        context["hasDiff"] = !diff.isEmpty
        context["diff"] = diff
        return context
    }

    private static func charts(_ runs: [Run], names: [String], colours: [String], pageID: String) -> [Chart] {
        var keys: [(name: String, context: [ContextPair])] = []
        for run in runs {
            for s in run.series where !keys.contains(where: { $0.name == s.name && $0.context == s.context }) {
                keys.append((s.name, s.context))
            }
        }
        keys = RunCharts.lossesFirst(keys) { $0.name }
        return keys.enumerated().map { n, key in
            var lines: [ChartLine] = []
            for (r, run) in runs.enumerated() {
                guard let s = run.series.first(where: { $0.name == key.name && $0.context == key.context }) else { continue }
                lines.append(ChartLine(label: names[r], colour: colours[r], points: s.points))
            }
            let context = key.context.map(\.value).joined(separator: " · ")
            return Chart(
                id: "\(pageID)-chart-\(n)", title: context.isEmpty ? key.name : "\(key.name) · \(context)",
                lines: lines, logScale: RunCharts.isLoss(key.name), epochs: false
            )
        }
    }

    /// Keys whose values are not the same in every run (a missing key differs from any value).
    private static func configDiff(_ runs: [Run]) -> [[String: Any]] {
        let pairs = runs.map { ConfigTree.flatten($0.hyperparameters) }
        let flat = pairs.map { run in Dictionary(run.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }) }
        var keys: [String] = []
        var seen: Set<String> = []
        for run in pairs {
            for (key, _) in run where !seen.contains(key) {
                seen.insert(key)
                keys.append(key)
            }
        }
        return keys.compactMap { key -> [String: Any]? in
            let values = flat.map { $0[key] }
            guard Set(values.map { $0 ?? "\u{0}missing" }).count > 1 else { return nil }
            return [
                "key": ReportText.clean(key),
                "values": values.map { v -> [String: Any] in
                    v.map { ["value": ReportText.clean($0), "missing": false] } ?? ["missing": true]
                },
            ]
        }
    }
}
