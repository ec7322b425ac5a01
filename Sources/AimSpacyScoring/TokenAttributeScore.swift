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
        let predTokens = example.predicted.tokens
        let alignment = example.alignment
        var tp = 0, candidates = 0, goldCount = 0
        if alignment.isIdentity {
            // One predicted token per gold token: the sets hold one pair per token.
            for i in goldTokens.indices {
                let expected = value(goldTokens[i])
                guard !expected.isEmpty else { continue }
                goldCount += 1
                guard !PythonCase.isSpace(predTokens[i].text) else { continue }
                candidates += 1
                if value(predTokens[i]) == expected { tp += 1 }
            }
        } else {
            var goldValues: [String] = []
            goldValues.reserveCapacity(goldTokens.count)
            for i in goldTokens.indices {
                let v = value(goldTokens[i])
                goldValues.append(v)
                if !v.isEmpty { goldCount += 1 }
            }
            // Predicted values per gold token (a set: split tokens can point twice at one gold token).
            var predicted: [Int: [String]] = [:]
            for i in predTokens.indices where !PythonCase.isSpace(predTokens[i].text) {
                guard alignment.length(i) == 1 else { continue }
                let g = alignment.first(i)
                guard g < goldValues.count, !goldValues[g].isEmpty else { continue }
                let v = value(predTokens[i])
                if predicted[g, default: []].contains(v) { continue }
                predicted[g, default: []].append(v)
                candidates += 1
                if v == goldValues[g] { tp += 1 }
            }
        }
        score.tp += tp
        score.fp += candidates - tp
        score.fn += goldCount - tp
    }

    var scores: Scores {
        Scores([("\(attr)_acc", score.count == 0 ? .none : .number(score.fscore))])
    }
}
