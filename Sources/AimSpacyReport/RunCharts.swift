import AimSpacyModel

/// The charts of a run page: one per metric name, its contexts (a loss per component) overlaid.
enum RunCharts {
    static func charts(_ run: Run, pageID: String) -> [Chart] {
        var names: [String] = []
        for s in run.series where !names.contains(s.name) { names.append(s.name) }
        names = lossesFirst(names) { $0 }
        return names.enumerated().map { n, name in
            let series = run.series.filter { $0.name == name }
            let lines = series.enumerated().map { i, s in
                ChartLine(
                    label: s.context.isEmpty ? name : s.context.map(\.value).joined(separator: " · "),
                    colour: ChartRenderer.palette[i % ChartRenderer.palette.count],
                    points: s.points
                )
            }
            return Chart(id: "\(pageID)-chart-\(n)", title: name, lines: lines, logScale: isLoss(name), epochs: true)
        }
    }

    /// A loss series (a name mentioning `loss`): charted first, on a log scale.
    static func isLoss(_ name: String) -> Bool { name.contains("loss") }

    /// `items` with the losses first, each group in its order.
    static func lossesFirst<T>(_ items: [T], name: (T) -> String) -> [T] {
        items.filter { isLoss(name($0)) } + items.filter { !isLoss(name($0)) }
    }
}
