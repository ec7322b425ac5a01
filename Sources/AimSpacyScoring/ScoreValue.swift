import AimSpacyModel

/// One value of the dict `Scorer.score` returns: a float, `None`, a string (`cats_score_desc`) or a nested dict
/// whose keys keep Python's insertion order.
public enum ScoreValue: Sendable, Equatable {
    case none
    case number(Double)
    case text(String)
    case object([(key: String, value: ScoreValue)])

    public static func == (lhs: ScoreValue, rhs: ScoreValue) -> Bool {
        switch (lhs, rhs) {
        case (.none, .none): return true
        case let (.number(a), .number(b)): return a == b || (a.isNaN && b.isNaN)
        case let (.text(a), .text(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The value as `json.dumps` writes it (`None` is `null`).
    public var json: JSONValue {
        switch self {
        case .none: return .null
        case .number(let d): return .double(d)
        case .text(let s): return .string(s)
        case .object(let members): return .object(members.map { ($0.key, $0.value.json) })
        }
    }

    /// A number, or `.none` for `nil`.
    static func optional(_ d: Double?) -> ScoreValue { d.map(ScoreValue.number) ?? .none }
}

/// The dict `Scorer.score` returns, in insertion order; `update` keeps a key's first position, as `dict.update` does.
public struct Scores: Sendable, Equatable {
    public private(set) var entries: [(key: String, value: ScoreValue)] = []

    public init(_ entries: [(key: String, value: ScoreValue)] = []) {
        for (key, value) in entries { self[key] = value }
    }

    public static func == (lhs: Scores, rhs: Scores) -> Bool { ScoreValue.object(lhs.entries) == .object(rhs.entries) }

    public subscript(key: String) -> ScoreValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let i = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    /// `dict.update(other)`.
    public mutating func update(_ other: Scores) {
        for (key, value) in other.entries { self[key] = value }
    }

    /// One JSON object with spaCy's keys in spaCy's order.
    public var json: JSONValue { ScoreValue.object(entries).json }
}
