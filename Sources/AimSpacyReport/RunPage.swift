import AimSpacyModel

/// The context of `run.mustache`: one run's summary, charts, scores, config, datasets, gallery and sources.
enum RunPage {
    static func context(_ plan: SitePlan, _ index: Int, options: ReportOptions) -> [String: Any] {
        let run = plan.runs[index]
        let path = plan.runPaths[index]
        let pageID = SitePlan.pageID(path)
        var context: [String: Any] = [
            "pageID": pageID,
            "name": ReportText.clean(run.name),
            "hash": ReportText.clean(run.hash),
            "tags": run.tags.map(ReportText.clean),
            "complete": run.complete,
            "summary": summary(run).map { ["key": $0.0, "value": ReportText.clean($0.1)] },
        ]
        if let experiment = run.experiment { context["experiment"] = ReportText.clean(experiment) }
        if !run.description.isEmpty { context["description"] = ReportText.clean(run.description) }

        let charts = RunCharts.charts(run, pageID: pageID)
        context["hasCharts"] = !charts.isEmpty
        context["charts"] = charts.map {
            ["html": ChartRenderer.render($0, smoothing: options.smoothing, maxPoints: options.maxPoints)]
        }
        context["smoothingValue"] = ReportText.fixed(options.smoothing, decimals: 2)

        addFinalScores(run, to: &context)
        let config = ConfigTree.html(run.hyperparameters)
        context["hasConfig"] = !config.isEmpty
        context["config"] = config
        context["datasets"] = run.datasets.map { dataset($0, options: options) }
        RunGallery.add(run, pageID: pageID, options: options, to: &context)
        context["sources"] = run.sources.map {
            ["path": ReportText.clean(options.absolutePaths ? $0.path : SharedPath.shown($0.path)), "role": ReportText.clean($0.role), "size": $0.size, "sha256": ReportText.clean($0.sha256)]
        }
        context["hasWarnings"] = !run.warnings.isEmpty
        context["warnings"] = run.warnings.map(ReportText.clean)
        return context
    }

    private static func summary(_ run: Run) -> [(String, String)] {
        var rows: [(String, String)] = []
        if let experiment = run.experiment { rows.append(("Experiment", experiment)) }
        rows.append(("Pipeline", run.pipeline.isEmpty ? "–" : run.pipeline.joined(separator: " → ")))
        rows.append(("Language", run.lang.isEmpty ? "–" : run.lang))
        rows.append(("spaCy version", run.spacyVersion.isEmpty ? "–" : run.spacyVersion))
        let points = run.series.max { $0.points.count < $1.points.count }?.points ?? []
        rows.append(("Logged rows", String(run.steps)))
        rows.append(("Last step", points.last.map { String($0.step) } ?? "–"))
        rows.append(("Epochs", points.last.map { String($0.epoch + 1) } ?? "–"))
        rows.append(("Status", run.complete ? "complete" : "interrupted"))
        if let best = ScoreColumns.best(run) {
            rows.append(("Best score", "\(ReportText.score(best.value)) at step \(best.step) (epoch \(best.epoch))"))
        } else {
            rows.append(("Best score", "–"))
        }
        rows.append(("Final score", ReportText.score(ScoreColumns.final(run))))
        rows.append(("Created", ReportDates.minute(run.created) + " UTC"))
        rows.append(("Imported", ReportDates.minute(run.imported) + " UTC"))
        if let type = run.settings.experimentType { rows.append(("Experiment type", type)) }
        rows.append(("Image size", "\(run.settings.imageWidth) × \(run.settings.imageHeight)"))
        if let interval = run.settings.modelLogInterval { rows.append(("Model log interval", String(interval))) }
        return rows
    }

    private static func addFinalScores(_ run: Run, to context: inout [String: Any]) {
        let models = run.finalScores
        context["hasFinalScores"] = !models.isEmpty
        context["models"] = models.map { ReportText.clean($0.model) }
        var names: [String] = []
        var seen: Set<String> = []
        for model in models {
            for s in model.scores where !seen.contains(s.name) {
                seen.insert(s.name)
                names.append(s.name)
            }
        }
        context["finalRows"] = names.map { name -> [String: Any] in
            ["name": ReportText.clean(name), "values": models.map { ReportText.score($0.score(name)) }]
        }
        var tables: [[String: Any]] = []
        for model in models {
            for table in model.perLabel {
                var metrics: [String] = []
                for row in table.rows {
                    for m in row.metrics where !metrics.contains(m.name) { metrics.append(m.name) }
                }
                let values = table.rows.flatMap { $0.metrics.compactMap(\.value) }.filter(\.isFinite)
                let top = values.max() ?? 1
                let unit = top <= 1 ? 1.0 : top
                tables.append([
                    "model": ReportText.clean(model.model),
                    "name": ReportText.clean(table.name),
                    "metrics": metrics.map(ReportText.clean),
                    "rows": table.rows.map { row -> [String: Any] in
                        [
                            "label": ReportText.clean(row.label),
                            "cells": metrics.map { m -> [String: Any] in
                                let v = row.metrics.first { $0.name == m }?.value
                                let percent = v.map { $0.isFinite ? Swift.max(0, Swift.min(100, $0 / unit * 100)) : 0 } ?? 0
                                return ["value": ReportText.score(v), "percent": ReportText.coordinate(percent)]
                            },
                        ]
                    },
                ])
            }
        }
        context["tables"] = tables
    }

    private static func dataset(_ d: DatasetStatistics, options: ReportOptions) -> [String: Any] {
        var groups: [[String: Any]] = []
        for (kind, labels) in [("Entities", d.entityLabels), ("Spans", d.spanLabels), ("Categories", d.catLabels)] where !labels.isEmpty {
            let top = Double(labels.map(\.count).max() ?? 1)
            groups.append([
                "kind": kind,
                "labels": labels.map {
                    [
                        "label": ReportText.clean($0.label), "count": $0.count,
                        "percent": ReportText.coordinate(top > 0 ? Double($0.count) / top * 100 : 0),
                    ]
                },
            ])
        }
        return [
            "role": ReportText.clean(d.role), "path": ReportText.clean(options.absolutePaths ? d.path : SharedPath.shown(d.path)), "docs": d.docs, "tokens": d.tokens,
            "sentences": d.sentences, "labelGroups": groups,
        ]
    }
}
