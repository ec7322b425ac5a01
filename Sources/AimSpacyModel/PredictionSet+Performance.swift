/// One flat score of a prediction set beside the same score in the model's `meta.json` performance.
public struct PerformanceComparison: Sendable, Equatable {
    public var name: String
    /// The score of the predictions; `nil` where spaCy gives `None`.
    public var predicted: Double?
    /// Whether `meta.json` has this score, and its value there (`nil` for `null`).
    public var inMeta: Bool
    public var meta: Double?

    /// Differences up to this are rounding, not disagreement.
    public static let tolerance = 1e-9

    /// The predicted minus the meta value when both are numbers and differ beyond `tolerance`.
    public var difference: Double? {
        guard let predicted, let meta, abs(predicted - meta) > Self.tolerance else { return nil }
        return predicted - meta
    }

    /// Whether the two disagree: a difference beyond `tolerance`, or a number on one side and `null` on the other.
    public var differs: Bool { inMeta && (difference != nil || (predicted == nil) != (meta == nil)) }
}

extension PredictionSet {
    /// The flat scores (numbers and `null`s, in spaCy's order) beside `final`'s, which scored the same model on its
    /// dev corpus during training: for predictions of that model on that corpus they agree.
    public func performance(beside final: FinalScores?) -> [PerformanceComparison] {
        guard case .object(let members) = scores else { return [] }
        return members.compactMap { name, value in
            let predicted: Double?
            switch value {
            case .double(let d): predicted = d
            case .int(let i): predicted = Double(i)
            case .null: predicted = nil
            default: return nil
            }
            let meta = final?.scores.first { $0.name == name }
            return PerformanceComparison(name: name, predicted: predicted, inMeta: meta != nil, meta: meta?.value)
        }
    }
}
