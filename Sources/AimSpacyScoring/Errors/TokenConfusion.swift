import AimSpacyModel

/// Confused values of one token attribute (`tag`, `pos`, `morph`, `lemma`): (gold, predicted) pairs that differ,
/// over the tokens `score_token_attr` scores (gold value present, predicted token aligned to exactly one gold token).
public struct TokenConfusion: Sendable {
    public var attr: String
    /// How often each (gold, predicted) pair occurred, the correct ones included.
    public var pairs: [ValuePair: Int] = [:]
    private let value: @Sendable (Token) -> String

    public init(attr: String) {
        self.attr = attr
        value = TokenAttributeScore.getter(attr)
    }

    /// The `limit` most frequent pairs whose values differ, most frequent first.
    public func mostConfused(limit: Int = 10) -> [(pair: ValuePair, count: Int)] {
        pairs.filter { $0.key.gold != $0.key.predicted }
            .sorted { ($1.value, $0.key.gold, $0.key.predicted) < ($0.value, $1.key.gold, $1.key.predicted) }
            .prefix(limit).map { ($0.key, $0.value) }
    }

    /// Adds one doc's tokens; returns how many were wrong.
    mutating func add(_ example: Example) -> Int {
        let gold = example.reference.tokens
        var errors = 0
        for (i, token) in example.predicted.tokens.enumerated() where !PythonCase.isSpace(token.text) {
            guard example.alignment.length(i) == 1 else { continue }
            let g = example.alignment.first(i)
            guard g < gold.count else { continue }
            let expected = value(gold[g])
            guard !expected.isEmpty else { continue }
            let got = value(token)
            pairs[ValuePair(gold: expected, predicted: got), default: 0] += 1
            if got != expected { errors += 1 }
        }
        return errors
    }
}

/// A gold value and what was predicted in its place.
public struct ValuePair: Sendable, Hashable {
    public var gold: String
    public var predicted: String
}
