import AimSpacyModel
@testable import AimSpacyReport
import Foundation
import Testing

@Suite struct ChartTests {
    /// A noisy decreasing series with one spike up and one dip down somewhere in the middle.
    static func noisy(_ n: Int, spikeAt: Int, dipAt: Int) -> [Double] {
        var state: UInt64 = 42
        return (0..<n).map { i in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let noise = Double(state >> 40) / Double(1 << 24) - 0.5
            if i == spikeAt { return 1000 }
            if i == dipAt { return -1000 }
            return 100 / Double(i + 1) + noise
        }
    }

    @Test(arguments: [(10_000, 1000), (100_000, 1000), (5_000, 50), (1_001, 1000)])
    func lttbKeepsExtremesAndBounds(n: Int, max: Int) {
        let y = Self.noisy(n, spikeAt: n / 3 + 7, dipAt: 2 * n / 3 + 1)
        let x = (0..<n).map(Double.init)
        let picked = SeriesReduction.lttb(x: x, y: y, maxPoints: max)
        #expect(picked.count <= max)
        #expect(picked.count >= max - 2)
        #expect(picked.first == 0 && picked.last == n - 1)
        #expect(zip(picked, picked.dropFirst()).allSatisfy { $0 < $1 })
        #expect(picked.contains(n / 3 + 7))
        #expect(picked.contains(2 * n / 3 + 1))
    }

    @Test func shortSeriesAreKeptWhole() {
        #expect(SeriesReduction.lttb(x: [0, 1, 2], y: [3, 1, 2], maxPoints: 1000) == [0, 1, 2])
    }

    @Test func emaIsDebiasedLikeTensorBoard() {
        let smoothed = Smoothing.ema([10, 20, 30], weight: 0.6)
        #expect(smoothed[0] == 10)
        // TensorBoard: last = 0.6·last + 0.4·v; shown last / (1 − 0.6ⁿ).
        let last2 = (0.6 * 4 + 0.4 * 20)
        #expect(abs(smoothed[1] - last2 / (1 - 0.36)) < 1e-9)
        #expect(Smoothing.ema([5, 5, 5, 5], weight: 0.9).allSatisfy { abs($0 - 5) < 1e-9 })
        #expect(Smoothing.ema([1, 2], weight: 0) == [1, 2])
    }

    @Test(arguments: [(0.0, 0.73), (12.0, 4635.0), (-3.2, 7.9), (0.001, 0.0042), (5.0, 5.0)])
    func ticksAreNiceNumbers(lo: Double, hi: Double) {
        let axis = NiceTicks.linear(min: lo, max: hi)
        #expect(axis.ticks.count >= 2 && axis.ticks.count <= 12)
        #expect(axis.min <= lo && axis.max >= hi)
        let step = axis.ticks[1] - axis.ticks[0]
        let mantissa = step / pow(10, floor(log10(step)))
        #expect([1.0, 2.0, 5.0, 10.0].contains { abs($0 - mantissa) < 1e-6 }, "step \(step)")
    }

    @Test func extremeValuesRenderValidPages() throws {
        let values: [Double] = [0, 1e300, -1e300, .infinity, -.infinity, .nan, 1e-300, 5e18, -5e18, 3]
        let run = Run(
            hash: "extreme", name: "extreme", created: Date(timeIntervalSince1970: 0), imported: Date(timeIntervalSince1970: 0),
            series: [
                MetricSeries(name: "loss", points: values.enumerated().map { MetricPoint(step: $0.offset, epoch: 0, value: $0.element) }),
                MetricSeries(name: "score", points: values.enumerated().map { MetricPoint(step: $0.offset * 1_000_000_000, epoch: $0.offset, value: $0.element) }),
            ],
            finalScores: [FinalScores(model: "model-best", scores: values.map { NamedScore(name: "s\($0)", value: $0) })]
        )
        for smoothing in [0.0, 0.99] {
            let files = try ReportSite.render(runs: [run], options: ReportOptions(smoothing: smoothing))
            for (path, bytes) in files { #expect(ReportValidator.check(page: bytes) == [], "\(path)") }
        }
        #expect(ReportText.number(1e300) == "1e+300")
        #expect(ReportText.fixed(-5e18, decimals: 2) == "-5e+18")
        #expect(ReportText.number(0.72769953) == "0.7277")
        #expect(ReportText.fixed(0.5, decimals: 4) == "0.5000")
    }

    @Test func aRunOfAHundredThousandStepsRendersUnderOneMegabyte() throws {
        let n = 100_000
        func series(_ name: String, _ context: [String: String], _ f: (Int) -> Double) -> MetricSeries {
            MetricSeries(name: name, context: context, points: (0..<n).map { MetricPoint(step: $0 * 10, epoch: $0 / 2_500, value: f($0)) })
        }
        let noise = Self.noisy(n, spikeAt: 12_345, dipAt: 54_321)
        let run = Run(
            hash: "long", experiment: "long", name: "long run", created: Date(timeIntervalSince1970: 0), imported: Date(timeIntervalSince1970: 0),
            pipeline: ["tok2vec", "ner"],
            series: [
                series("loss", ["component": "tok2vec"]) { abs(noise[$0]) + 1 },
                series("loss", ["component": "ner"]) { 500 / Double($0 + 1) + 1 },
                series("ents_f", [:]) { 1 - 1 / Double($0 + 2) }, series("ents_p", [:]) { 1 - 1 / Double($0 + 3) },
                series("ents_r", [:]) { 1 - 1 / Double($0 + 4) }, series("score", [:]) { 1 - 1 / Double($0 + 2) },
                series("speed", [:]) { 5000 + noise[$0] },
            ]
        )
        let files = try ReportSite.render(runs: [run], options: ReportOptions())
        let page = try #require(files.first { $0.key.hasPrefix("runs/") }?.value)
        #expect(page.count < 1_000_000, "\(page.count) bytes")
        #expect(ReportValidator.check(page: page) == [])
        let text = String(decoding: page, as: UTF8.self)
        for attribute in text.components(separatedBy: " data-x=\"").dropFirst() {
            let count = attribute.prefix { $0 != "\"" }.split(separator: ",").count
            #expect(count <= 1000 && count >= 900)
        }
    }
}
