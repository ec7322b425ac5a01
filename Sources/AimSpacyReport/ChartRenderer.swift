import Foundation
import AimSpacyModel

/// One line of a chart: a series drawn in one colour.
struct ChartLine: Sendable {
    var label: String
    var colour: String
    var points: [MetricPoint]
}

/// One metric chart: lines overlaid on shared axes.
struct Chart: Sendable {
    /// Unique in the document (single-file reports hold many pages).
    var id: String
    var title: String
    var lines: [ChartLine]
    var logScale: Bool
    /// Mark where epochs start and offer epoch ticks (run pages, where all lines share the epochs).
    var epochs: Bool
}

/// Renders a `Chart` as an inline SVG in a `<figure>` with an HTML legend. Lines carry their reduced
/// data in `data-*` attributes so the page script can show the value under the pointer.
enum ChartRenderer {
    /// Okabe–Ito, reordered so that neighbours contrast; readable for colour-blind readers, light and dark.
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#999999"]

    static let width = 640.0, height = 240.0
    static let left = 56.0, right = 14.0, top = 12.0, bottom = 32.0

    static func render(_ chart: Chart, smoothing: Double, maxPoints: Int) -> String {
        let plotW = width - left - right, plotH = height - top - bottom
        let lines = chart.lines.map { line in
            ChartLine(label: line.label, colour: line.colour, points: line.points.filter { $0.value.isFinite })
        }
        let all = lines.flatMap(\.points)
        let minPositive = all.map(\.value).filter { $0 > 0 }.min()
        let log = chart.logScale && minPositive != nil
        func yValue(_ v: Double) -> Double {
            guard log, let minPositive else { return v }
            return Foundation.log10(Swift.max(v, minPositive))
        }
        let steps = all.map { Double($0.step) }
        var x0 = steps.min() ?? 0, x1 = steps.max() ?? 1
        if x0 == x1 { x0 -= 1; x1 += 1 }
        let ys = all.map { yValue($0.value) }
        let axis = log
            ? NiceTicks.logarithmic(min: minPositive ?? 1, max: all.map(\.value).max() ?? 10)
            : NiceTicks.linear(min: ys.min() ?? 0, max: ys.max() ?? 1)
        let xAxis = NiceTicks.linear(min: x0, max: x1, count: 6)
        func px(_ step: Double) -> Double { left + (step - x0) / (x1 - x0) * plotW }
        func py(_ y: Double) -> Double { top + plotH - (y - axis.min) / (axis.max - axis.min) * plotH }

        let id = ReportText.escape(chart.id)
        var svg = "<svg class=\"chart\" id=\"\(id)\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\""
        svg += " role=\"img\" aria-label=\"\(ReportText.escape(chart.title))\""
        svg += " data-x0=\"\(ReportText.number(x0))\" data-x1=\"\(ReportText.number(x1))\""
        svg += " data-l=\"\(ReportText.coordinate(left))\" data-w=\"\(ReportText.coordinate(plotW))\""
        svg += " data-y0=\"\(ReportText.number(axis.min, significant: 10))\" data-y1=\"\(ReportText.number(axis.max, significant: 10))\""
        svg += " data-t=\"\(ReportText.coordinate(top))\" data-h=\"\(ReportText.coordinate(plotH))\""
        if log, let minPositive { svg += " data-log=\"1\" data-mp=\"\(ReportText.number(minPositive, significant: 10))\"" }
        svg += ">"

        // Grid and y ticks.
        svg += "<g class=\"grid\">"
        for t in axis.ticks {
            let y = ReportText.coordinate(py(t))
            svg += "<line x1=\"\(ReportText.coordinate(left))\" x2=\"\(ReportText.coordinate(left + plotW))\" y1=\"\(y)\" y2=\"\(y)\"/>"
        }
        svg += "</g><g class=\"axis y\">"
        for t in axis.ticks {
            let label = log ? ReportText.number(Foundation.pow(10, t), significant: 3) : ReportText.fixed(t, decimals: axis.decimals)
            svg += "<text x=\"\(ReportText.coordinate(left - 6))\" y=\"\(ReportText.coordinate(py(t) + 4))\">\(label)</text>"
        }
        svg += "</g>"

        // X ticks by step, inside the domain.
        svg += "<g class=\"axis x xt-step\">"
        for t in xAxis.ticks where t >= x0 && t <= x1 {
            svg += "<text x=\"\(ReportText.coordinate(px(t)))\" y=\"\(ReportText.coordinate(top + plotH + 18))\">\(ReportText.fixed(t, decimals: xAxis.decimals))</text>"
        }
        svg += "<text class=\"title\" x=\"\(ReportText.coordinate(left + plotW))\" y=\"\(ReportText.coordinate(height - 1))\">step</text></g>"

        // Epoch boundaries, and ticks by epoch.
        if chart.epochs, let reference = lines.max(by: { $0.points.count < $1.points.count }), !reference.points.isEmpty {
            var starts: [(step: Int, epoch: Int)] = [(reference.points[0].step, reference.points[0].epoch)]
            for (a, b) in zip(reference.points, reference.points.dropFirst()) where b.epoch != a.epoch {
                starts.append((b.step, b.epoch))
            }
            // Thin the labels so that they never overlap (about 60 px each).
            let every = Swift.max(1, Int((Double(starts.count) * 60 / plotW).rounded(.up)))
            svg += "<g class=\"epochs\">"
            for s in starts.dropFirst() {
                let x = ReportText.coordinate(px(Double(s.step)))
                svg += "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(ReportText.coordinate(top))\" y2=\"\(ReportText.coordinate(top + plotH))\"/>"
            }
            svg += "</g><g class=\"axis x xt-epoch\">"
            for (i, s) in starts.enumerated() where i % every == 0 {
                svg += "<text x=\"\(ReportText.coordinate(px(Double(s.step))))\" y=\"\(ReportText.coordinate(top + plotH + 18))\">\(s.epoch)</text>"
            }
            svg += "<text class=\"title\" x=\"\(ReportText.coordinate(left + plotW))\" y=\"\(ReportText.coordinate(height - 1))\">epoch</text></g>"
        }

        // Lines: the raw series faint behind its smoothed version.
        for line in lines where !line.points.isEmpty {
            let xs = line.points.map { Double($0.step) }
            let raw = line.points.map { yValue($0.value) }
            let colour = ReportText.escape(line.colour)
            let rawIndices = SeriesReduction.lttb(x: xs, y: raw, maxPoints: maxPoints)
            let smooth = smoothing > 0 ? Smoothing.ema(line.points.map(\.value), weight: smoothing) : []
            let data = dataAttributes(line, indices: rawIndices, smoothed: smooth)
            // The raw line always, faint; the page script re-smooths the line when the reader moves the slider.
            let rawPath = path(xs, raw, rawIndices, px, py)
            svg += "<path class=\"raw\" stroke=\"\(colour)\" d=\"\(rawPath)\"/>"
            var linePath = rawPath
            if smoothing > 0, line.points.count > 1 {
                let smoothY = smooth.map(yValue)
                linePath = path(xs, smoothY, SeriesReduction.lttb(x: xs, y: smoothY, maxPoints: maxPoints), px, py)
            }
            svg += "<path class=\"line\" stroke=\"\(colour)\" d=\"\(linePath)\"\(data)/>"
            if rawIndices.count <= 40 {
                svg += "<g class=\"dots\" fill=\"\(colour)\">"
                for i in rawIndices {
                    svg += "<circle cx=\"\(ReportText.coordinate(px(xs[i])))\" cy=\"\(ReportText.coordinate(py(raw[i])))\" r=\"2\"/>"
                }
                svg += "</g>"
            }
        }
        let l = ReportText.coordinate(left)
        svg += "<line class=\"cursor\" x1=\"\(l)\" x2=\"\(l)\" y1=\"\(ReportText.coordinate(top))\" y2=\"\(ReportText.coordinate(top + plotH))\" visibility=\"hidden\"/>"
        svg += "</svg>"

        var html = "<figure class=\"chart-figure\"><figcaption>\(ReportText.escape(chart.title))"
        if log { html += " <span class=\"scale\">log scale</span>" }
        html += "</figcaption><div class=\"chart-body\">\(svg)<div class=\"tip\" hidden=\"hidden\"></div></div>"
        html += "<ul class=\"legend\">"
        for line in lines {
            html += "<li><span class=\"swatch\" style=\"background:\(ReportText.escape(line.colour))\"></span>\(ReportText.escape(line.label))</li>"
        }
        html += "</ul></figure>"
        return html
    }

    private static func path(
        _ xs: [Double], _ ys: [Double], _ indices: [Int], _ px: (Double) -> Double, _ py: (Double) -> Double
    ) -> String {
        var d = ""
        d.reserveCapacity(indices.count * 12)
        for (n, i) in indices.enumerated() {
            d += n == 0 ? "M" : (n == 1 ? "L" : " ")
            d += ReportText.coordinate(px(xs[i]))
            d += ","
            d += ReportText.coordinate(py(ys[i]))
        }
        return d
    }

    private static func dataAttributes(_ line: ChartLine, indices: [Int], smoothed: [Double]) -> String {
        var out = " data-label=\"\(ReportText.escape(line.label))\""
        out += " data-x=\"" + indices.map { String(line.points[$0].step) }.joined(separator: ",") + "\""
        out += " data-e=\"" + indices.map { String(line.points[$0].epoch) }.joined(separator: ",") + "\""
        out += " data-y=\"" + indices.map { ReportText.number(line.points[$0].value) }.joined(separator: ",") + "\""
        if !smoothed.isEmpty {
            out += " data-s=\"" + indices.map { ReportText.number(smoothed[$0]) }.joined(separator: ",") + "\""
        }
        return out
    }
}
