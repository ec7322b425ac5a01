import AimSpacyModel

/// `show RUN` for people: identity, settings, final scores, labels, datasets, visualisations,
/// sources and warnings.
enum RunDescription {
    static func text(_ run: Run) -> String {
        var out = ""
        var info = TextTable(["run", run.hash])
        info.append(["name", run.name])
        info.append(["experiment", run.experiment ?? "-"])
        info.append(["tags", run.tags.isEmpty ? "-" : run.tags.joined(separator: ", ")])
        if !run.description.isEmpty { info.append(["description", run.description]) }
        info.append(["created", Run.timestamp(run.created)])
        info.append(["imported", Run.timestamp(run.imported)])
        info.append(["complete", run.complete ? "yes" : "no"])
        info.append(["steps", String(run.steps)])
        info.append(["pipeline", run.pipeline.joined(separator: ", ") + (run.lang.isEmpty ? "" : " (\(run.lang))")])
        info.append(["spaCy", run.spacyVersion.isEmpty ? "-" : run.spacyVersion])
        out += info.text
        if !run.finalScores.isEmpty {
            var names: [String] = []
            for final in run.finalScores {
                for score in final.scores where !names.contains(score.name) { names.append(score.name) }
            }
            var table = TextTable(["SCORE"] + run.finalScores.map(\.model))
            for name in names { table.append([name] + run.finalScores.map { formatScore($0.score(name)) }) }
            out += "\nfinal scores\n" + table.text
            if let best = run.finalScores.first {
                for perLabel in best.perLabel where !perLabel.rows.isEmpty {
                    var metrics: [String] = []
                    for row in perLabel.rows {
                        for metric in row.metrics where !metrics.contains(metric.name) { metrics.append(metric.name) }
                    }
                    var labels = TextTable(["LABEL"] + metrics.map { $0.uppercased() })
                    for row in perLabel.rows {
                        labels.append([row.label] + metrics.map { name in formatScore(row.metrics.first { $0.name == name }?.value) })
                    }
                    out += "\n\(perLabel.name) (\(best.model))\n" + labels.text
                }
            }
        }
        out += predictionsText(run)
        if !run.labels.isEmpty {
            var table = TextTable(["COMPONENT", "LABELS"])
            for component in run.labels { table.append([component.component, component.labels.joined(separator: ", ")]) }
            out += "\nlabels\n" + table.text
        }
        if !run.datasets.isEmpty {
            var table = TextTable(["ROLE", "PATH", "DOCS", "TOKENS", "SENTENCES"])
            for d in run.datasets { table.append([d.role, d.path, String(d.docs), String(d.tokens), String(d.sentences)]) }
            out += "\ndatasets\n" + table.text
        }
        if !run.visualisations.isEmpty {
            var table = TextTable(["STEP", "STYLE", "DOCS"])
            for v in run.visualisations { table.append([v.step.map(String.init) ?? "final", v.style, String(v.renderIDs.count)]) }
            out += "\nvisualisations\n" + table.text
        }
        if !run.sources.isEmpty {
            var table = TextTable(["ROLE", "PATH", "SIZE", "SHA256"])
            for s in run.sources { table.append([s.role, s.path, String(s.size), String(s.sha256.prefix(12))]) }
            out += "\nsources\n" + table.text
        }
        if !run.warnings.isEmpty {
            out += "\nwarnings\n" + run.warnings.map { "  \(TerminalText.escaped($0))\n" }.joined()
        }
        return out
    }
}
