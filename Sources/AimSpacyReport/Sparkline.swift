import AimSpacyModel

/// A tiny inline SVG of a run's `score` series for the runs table.
enum Sparkline {
    static func svg(_ points: [MetricPoint], colour: String = "#0072B2", width: Double = 96, height: Double = 22) -> String {
        let finite = points.filter { $0.value.isFinite }
        guard finite.count >= 2 else { return "" }
        let xs = finite.map { Double($0.step) }, ys = finite.map(\.value)
        let indices = SeriesReduction.lttb(x: xs, y: ys, maxPoints: 48)
        guard let x0 = xs.first, let x1 = xs.last, let lo = ys.min(), let hi = ys.max() else { return "" }
        let dx = x1 > x0 ? x1 - x0 : 1, dy = hi > lo ? hi - lo : 1
        var d = ""
        for (n, i) in indices.enumerated() {
            d += n == 0 ? "M" : "L"
            d += ReportText.coordinate(1 + (xs[i] - x0) / dx * (width - 2)) + ","
            d += ReportText.coordinate(height - 2 - (ys[i] - lo) / dy * (height - 4))
        }
        return "<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" aria-hidden=\"true\"><path d=\"\(d)\" stroke=\"\(colour)\"/></svg>"
    }
}
