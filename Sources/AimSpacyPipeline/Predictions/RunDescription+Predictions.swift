import AimSpacyModel

extension RunDescription {
    /// Each prediction set's flat scores beside the `meta.json` performance of the same model; a difference
    /// beyond `PerformanceComparison.tolerance` is flagged in words (`differs by …`), not by colour.
    static func predictionsText(_ run: Run) -> String {
        var out = ""
        for set in run.predictions {
            let final = run.finalScores.first { $0.model == set.model }
            var table = TextTable(["SCORE", "PREDICTIONS", "META.JSON", ""])
            let rows = set.performance(beside: final)
            for row in rows {
                let flag = row.difference.map { "differs by \($0)" } ?? (row.differs ? "differs" : "")
                table.append([row.name, formatScore(row.predicted), row.inMeta ? formatScore(row.meta) : "", flag])
            }
            let differing = rows.count(where: \.differs)
            let withErrors = set.docErrors.filter { $0 > 0 }.count
            out += "\npredictions \(set.label): \(set.docs) docs, predicted \(set.predicted), \(withErrors) docs with errors"
            out += final == nil ? " (no meta.json performance of \(set.model) to compare)\n"
                : differing == 0 ? " (agrees with \(set.model)/meta.json)\n"
                : " (\(differing) scores differ from \(set.model)/meta.json)\n"
            out += table.text
        }
        return out
    }
}
