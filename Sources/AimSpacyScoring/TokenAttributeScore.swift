import AimSpacyModel

/// `Scorer.score_token_attr`: `{attr}_acc`, the F-score of (gold token, value) pairs. Gold tokens with a missing value
/// are skipped, and so are predicted tokens aligned to them or not aligned to exactly one gold token.
struct TokenAttributeScore: ExampleScore {
    /// `tag`, `pos`, `morph` or `lemma`.
    let attr: String
    /// The value of a token; `""` is spaCy's missing value (hash 0).
    let value: @Sendable (Token) -> String
    var score = PRFScore()

    init(_ attr: String) {
        self.attr = attr
        self.value = TokenAttributeScore.getter(attr)
    }

    /// spaCy's getter for `attr`: the hash compared as its string; morphology as `token.morph.key`, so an empty
    /// analysis (`_`) is a value and an unset one is missing.
    static func getter(_ attr: String) -> @Sendable (Token) -> String {
        switch attr {
        case "tag": return { $0.tag }
        case "pos": return { $0.pos }
        case "lemma": return { $0.lemma }
        default: return { $0.hasMorph ? ($0.morph.isEmpty ? "_" : $0.morph) : "" }
        }
    }

    mutating func add(_ example: Example) {
        let goldTokens = example.reference.tokens
        var goldValues: [String] = []
        goldValues.reserveCapacity(goldTokens.count)
        var goldCount = 0
        for token in goldTokens {
            let v = value(token)
            goldValues.append(v)
            if !v.isEmpty { goldCount += 1 }
        }
        // Predicted values per gold token (a set: split tokens can point twice at one gold token).
        var predicted: [Int: [String]] = [:]
        var direct: [String?] = Array(repeating: nil, count: goldTokens.count)
        var tp = 0, candidates = 0
        for (i, token) in example.predicted.tokens.enumerated() where !PythonCase.isSpace(token.text) {
            guard example.alignment.length(i) == 1 else { continue }
            let g = example.alignment.first(i)
            guard g < goldValues.count, !goldValues[g].isEmpty else { continue }
            let v = value(token)
            if let seen = direct[g] {
                if seen == v || predicted[g, default: []].contains(v) { continue }
                predicted[g, default: []].append(v)
            } else {
                direct[g] = v
            }
            candidates += 1
            if v == goldValues[g] { tp += 1 }
        }
        score.tp += tp
        score.fp += candidates - tp
        score.fn += goldCount - tp
    }

    var scores: Scores {
        Scores([("\(attr)_acc", score.count == 0 ? .none : .number(score.fscore))])
    }
}
