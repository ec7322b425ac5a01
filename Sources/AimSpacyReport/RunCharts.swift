import AimSpacyModel

/// The charts of a run page: one per metric name, its contexts (a loss per component) overlaid.
enum RunCharts {
    static func charts(_ run: Run, pageID: String) -> [Chart] {
        var names: [String] = []
        for s in run.series where !names.contains(s.name) { names.append(s.name) }
        names = names.filter { $0.contains("loss") } + names.filter { !$0.contains("loss") }
        return names.enumerated().map { n, name in
            let series = run.series.filter { $0.name == name }
            let lines = series.enumerated().map { i, s in
                ChartLine(
                    label: s.context.isEmpty ? name : s.context.map(\.value).joined(separator: " · "),
                    colour: ChartRenderer.palette[i % ChartRenderer.palette.count],
                    points: s.points
                )
            }
            return Chart(id: "\(pageID)-chart-\(n)", title: name, lines: lines, logScale: name.contains("loss"), epochs: true)
        }
    }
}
