import Foundation

/// Readable axis ticks: steps of 1, 2 or 5 times a power of ten (Heckbert's nice numbers).
enum NiceTicks {
    struct Axis: Equatable {
        var min: Double
        var max: Double
        var ticks: [Double]
        var decimals: Int
    }

    static func linear(min lo: Double, max hi: Double, count: Int = 5) -> Axis {
        var lo = lo, hi = hi
        if !(lo.isFinite && hi.isFinite) { lo = 0; hi = 1 }
        if lo == hi {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        let range = nice(hi - lo, round: false)
        let step = nice(range / Double(max(count - 1, 1)), round: true)
        let first = (lo / step).rounded(.down) * step
        let last = (hi / step).rounded(.up) * step
        var ticks: [Double] = []
        var i = 0
        while true {
            let t = first + Double(i) * step
            if t > last + step * 0.5 || i > 50 { break }
            ticks.append(abs(t) < step * 1e-9 ? 0 : t)
            i += 1
        }
        let decimals = max(0, -Int(floor(log10(step))))
        return Axis(min: first, max: last, ticks: ticks, decimals: decimals)
    }

    /// Decades between the bounds (with 2× and 5× when the range spans less than two decades), in log10 units.
    static func logarithmic(min lo: Double, max hi: Double) -> Axis {
        let a = floor(log10(lo)), b = max(ceil(log10(hi)), a + 1)
        var ticks: [Double] = []
        var e = a
        while e <= b {
            ticks.append(e)
            if b - a <= 2, e < b {
                ticks.append(e + log10(2))
                ticks.append(e + log10(5))
            }
            e += 1
        }
        return Axis(min: a, max: b, ticks: ticks, decimals: 0)
    }

    private static func nice(_ x: Double, round: Bool) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let exponent = floor(log10(x))
        let fraction = x / pow(10, exponent)
        let niceFraction: Double
        if round {
            niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return niceFraction * pow(10, exponent)
    }
}
