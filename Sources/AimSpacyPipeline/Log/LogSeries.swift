import AimSpacyModel

extension LoggedTraining {
    /// The training's metric series as `spacy.AimLogger.v1` tracks them: `loss` per component (context
    /// `component`), each score by its key (0–1, `speed` unscaled) and the weighted `score`; one point
    /// per logged row, with the row's step and epoch. Series are in column order.
    public var metricSeries: [MetricSeries] {
        var series: [MetricSeries] = []
        for column in columns {
            switch column.kind {
            case .epoch, .step: continue
            case .loss:
                series.append(
                    MetricSeries(
                        name: "loss", context: ["component": column.name],
                        points: rows.compactMap { row in
                            row.loss(column.name).map { MetricPoint(step: row.step, epoch: row.epoch, value: $0) }
                        }))
            case .score:
                series.append(
                    MetricSeries(
                        name: column.name,
                        points: rows.compactMap { row in
                            row.score(column.name).map { MetricPoint(step: row.step, epoch: row.epoch, value: $0) }
                        }))
            case .overall:
                series.append(
                    MetricSeries(
                        name: "score",
                        points: rows.map { MetricPoint(step: $0.step, epoch: $0.epoch, value: $0.score.value) }))
            }
        }
        return series
    }
}
