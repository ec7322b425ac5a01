/// How a gold or predicted span fared, in the categories of nervaluate / SemEval-2013 task 9.1.
public enum SpanErrorKind: String, Sendable, CaseIterable, Comparable {
    /// Same tokens, same label.
    case correct
    /// Same tokens, another label.
    case wrongLabel = "wrong_label"
    /// Overlapping tokens, same label.
    case wrongBoundary = "wrong_boundary"
    /// Overlapping tokens, another label.
    case wrongLabelAndBoundary = "wrong_label_and_boundary"
    /// A gold span no prediction overlaps.
    case missed
    /// A prediction that overlaps no gold span.
    case spurious

    /// How the report heads its column.
    public var title: String {
        switch self {
        case .correct: "correct"
        case .wrongLabel: "wrong label"
        case .wrongBoundary: "wrong boundary"
        case .wrongLabelAndBoundary: "wrong label and boundary"
        case .missed: "missed"
        case .spurious: "spurious"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
