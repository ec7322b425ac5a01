import Foundation

/// Shape-preserving reduction of long series for charts: Largest-Triangle-Three-Buckets, then the
/// global minimum and maximum are put back if LTTB dropped them, so a chart never hides an extreme.
public enum SeriesReduction {
    /// Indices of at most `maxPoints` points of `(x, y)` to draw, ascending; all indices when short enough.
    public static func lttb(x: [Double], y: [Double], maxPoints: Int) -> [Int] {
        let n = min(x.count, y.count)
        guard maxPoints >= 3, n > maxPoints else { return Array(0..<n) }
        // Keep two slots for the extremes, which LTTB may miss.
        let threshold = maxPoints - 2
        var picked: [Int] = [0]
        picked.reserveCapacity(maxPoints)
        let bucketSize = Double(n - 2) / Double(threshold - 2)
        var a = 0
        for bucket in 0..<(threshold - 2) {
            let start = Int(Double(bucket) * bucketSize) + 1
            let end = min(Int(Double(bucket + 1) * bucketSize) + 1, n - 1)
            let nextStart = end
            let nextEnd = min(Int(Double(bucket + 2) * bucketSize) + 1, n)
            var avgX = 0.0, avgY = 0.0
            let nextCount = max(nextEnd - nextStart, 1)
            for j in nextStart..<max(nextEnd, nextStart + 1) where j < n {
                avgX += x[j]
                avgY += y[j]
            }
            avgX /= Double(nextCount)
            avgY /= Double(nextCount)
            var best = start
            var bestArea = -1.0
            for j in start..<max(end, start + 1) where j < n - 1 {
                let area = abs((x[a] - avgX) * (y[j] - y[a]) - (x[a] - x[j]) * (avgY - y[a]))
                if area > bestArea {
                    bestArea = area
                    best = j
                }
            }
            picked.append(best)
            a = best
        }
        picked.append(n - 1)
        var minIndex = 0, maxIndex = 0
        for i in 0..<n {
            if y[i] < y[minIndex] { minIndex = i }
            if y[i] > y[maxIndex] { maxIndex = i }
        }
        var set = Set(picked)
        set.insert(minIndex)
        set.insert(maxIndex)
        return set.sorted()
    }
}

/// Exponential moving average with TensorBoard's debiasing: `last = last·w + (1−w)·v`, shown as
/// `last / (1 − wⁿ)`, so the first points are not pulled towards zero.
public enum Smoothing {
    public static func ema(_ values: [Double], weight: Double) -> [Double] {
        guard weight > 0 else { return values }
        var last = 0.0
        var count = 0.0
        var out: [Double] = []
        out.reserveCapacity(values.count)
        for v in values {
            guard v.isFinite else {
                out.append(v)
                continue
            }
            last = last * weight + (1 - weight) * v
            count += 1
            let debias = 1 - pow(weight, count)
            out.append(debias > 0 ? last / debias : v)
        }
        return out
    }
}
