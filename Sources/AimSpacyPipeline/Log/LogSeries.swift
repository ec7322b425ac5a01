import AimSpacyModel

extension LoggedTraining {
    /// The training's metric series as `spacy.AimLogger.v1` tracks them: `loss` per component (context
    /// `component`), each score by its key (0–1, `speed` unscaled) and the weighted `score`; one point
    /// per logged row, with the row's step and epoch. Series are in column order.
    public var metricSeries: [MetricSeries] {
        var series: [MetricSeries] = []
        var lossIndex = 0
        var scoreIndex = 0
        // A row's names are its columns' (console) or its object's keys (JSONL, unique): with distinct
        // column names, a name found at its column's place is the first of that name.
        let distinct = Self.distinctNames(columns.filter { $0.kind == .loss })
            && Self.distinctNames(columns.filter { $0.kind == .score })
        for column in columns {
            switch column.kind {
            case .epoch, .step: continue
            case .loss:
                series.append(
                    MetricSeries(
                        name: "loss", context: ["component": column.name],
                        points: rows.compactMap { row in
                            Self.value(in: row.losses, named: column.name, at: distinct ? lossIndex : nil)
                                .map { MetricPoint(step: row.step, epoch: row.epoch, value: $0) }
                        }))
                lossIndex += 1
            case .score:
                series.append(
                    MetricSeries(
                        name: column.name,
                        points: rows.compactMap { row in
                            Self.value(in: row.scores, named: column.name, at: distinct ? scoreIndex : nil)
                                .map { MetricPoint(step: row.step, epoch: row.epoch, value: $0) }
                        }))
                scoreIndex += 1
            case .overall:
                series.append(
                    MetricSeries(
                        name: "score",
                        points: rows.map { MetricPoint(step: $0.step, epoch: $0.epoch, value: $0.score.value) }))
            }
        }
        return series
    }

    /// The value of `name` in a row's losses or scores: the first of that name (`LogRow.loss`/`score`),
    /// looked for at `index` (its column's place) first.
    private static func value(in values: [LoggedValue], named name: String, at index: Int?) -> Double? {
        if let index, index < values.count, values[index].name == name { return values[index].value }
        return values.first { $0.name == name }?.value
    }

    private static func distinctNames(_ columns: [LogColumn]) -> Bool {
        Set(columns.map(\.name)).count == columns.count
    }
}
