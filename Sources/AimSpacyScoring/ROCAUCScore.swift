/// spaCy's `ROCAUCScore`: the area under the ROC curve of one label, defined only when the gold values take exactly
/// two distinct values; computed as spaCy's copy of scikit-learn's `roc_auc_score` does (positives are gold `1.0`).
struct ROCAUCScore: Sendable {
    var candidates: [Double] = []
    var golds: [Double] = []

    mutating func add(candidate: Double, gold: Double) {
        candidates.append(candidate)
        golds.append(gold)
    }

    /// `len(np.unique(golds)) == 2`.
    var isBinary: Bool {
        guard let first = golds.first else { return false }
        var second: Double?
        for g in golds where g != first && !(g.isNaN && first.isNaN) {
            if let second, g != second { return false }
            second = g
        }
        return second != nil
    }

    var score: Double {
        // Scores in descending order (numpy's stable ascending sort, reversed).
        let order = candidates.indices.sorted { candidates[$0] < candidates[$1] }.reversed()
        let scores = order.map { candidates[$0] }
        let positives = order.map { golds[$0] == 1.0 }
        var tps: [Double] = [0], fps: [Double] = [0]
        var cumulative = 0.0
        for i in scores.indices {
            if positives[i] { cumulative += 1 }
            if i == scores.count - 1 || scores[i + 1] != scores[i] {
                tps.append(cumulative)
                fps.append(Double(1 + i) - cumulative)
            }
        }
        let fpr = fps.map { fps.last! <= 0 ? Double.nan : $0 / fps.last! }
        let tpr = tps.map { tps.last! <= 0 ? Double.nan : $0 / tps.last! }
        var terms: [Double] = []
        terms.reserveCapacity(fpr.count - 1)
        for i in 1..<fpr.count { terms.append((fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2.0) }
        return NumpySum.reduce(terms)
    }
}

/// numpy's pairwise summation of a float64 array (`ndarray.sum`), for sums equal to numpy's to the last bit.
enum NumpySum {
    /// `np.add.reduce`: the first element, plus the pairwise sum of the rest.
    static func reduce(_ a: [Double]) -> Double {
        guard let first = a.first else { return 0 }
        return first + pairwise(a[1...])
    }

    static func pairwise(_ a: ArraySlice<Double>) -> Double {
        let n = a.count
        let base = a.startIndex
        if n < 8 {
            var res = -0.0
            for x in a { res += x }
            return res
        } else if n <= 128 {
            var r = (0..<8).map { a[base + $0] }
            var i = 8
            while i < n - (n % 8) {
                for k in 0..<8 { r[k] += a[base + i + k] }
                i += 8
            }
            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n {
                res += a[base + i]
                i += 1
            }
            return res
        } else {
            var n2 = n / 2
            n2 -= n2 % 8
            return pairwise(a[base..<(base + n2)]) + pairwise(a[(base + n2)...])
        }
    }
}
