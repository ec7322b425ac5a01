/// spaCy's `PRFScore`: true/false positive and false negative counts, with its `1e-100` guards against 0/0.
public struct PRFScore: Sendable, Equatable {
    public var tp = 0
    public var fp = 0
    public var fn = 0

    public init(tp: Int = 0, fp: Int = 0, fn: Int = 0) {
        self.tp = tp
        self.fp = fp
        self.fn = fn
    }

    /// `len(score)`: whether anything was counted at all.
    public var count: Int { tp + fp + fn }

    public var precision: Double { Double(tp) / (Double(tp + fp) + 1e-100) }
    public var recall: Double { Double(tp) / (Double(tp + fn) + 1e-100) }
    public var fscore: Double {
        let p = precision
        let r = recall
        return 2 * ((p * r) / (p + r + 1e-100))
    }

    /// `to_dict()`: `{"p", "r", "f"}`.
    public var dictionary: ScoreValue { .object([("p", .number(precision)), ("r", .number(recall)), ("f", .number(fscore))]) }

    public static func += (lhs: inout PRFScore, rhs: PRFScore) {
        lhs.tp += rhs.tp
        lhs.fp += rhs.fp
        lhs.fn += rhs.fn
    }
}
