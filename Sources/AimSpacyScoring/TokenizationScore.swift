import AimSpacyModel

/// `Scorer.score_tokenization`: `token_acc` (predicted tokens aligned to exactly one gold token) and `token_p/r/f`
/// over character spans; docs with unknown spaces are skipped, whitespace tokens ignored.
struct TokenizationScore: ExampleScore {
    var accuracy = PRFScore()
    var prf = PRFScore()

    mutating func add(_ example: Example) {
        let gold = example.reference
        let pred = example.predicted
        guard !gold.hasUnknownSpaces else { return }
        let goldTokens = gold.tokens, predTokens = pred.tokens
        if example.alignment.isIdentity {
            // Same texts and words: the same character spans, each predicted token aligned to its own gold token.
            let n = predTokens.indices.count { !PythonCase.isSpace(predTokens[$0].text) }
            accuracy.tp += n
            prf.tp += n
            return
        }
        var goldSpans = Set<CharacterSpan>()
        var predSpans = Set<CharacterSpan>()
        for i in goldTokens.indices where !PythonCase.isSpace(goldTokens[i].text) {
            goldSpans.insert(CharacterSpan(start: goldTokens[i].idx, end: goldTokens[i].idx + goldTokens[i].length))
        }
        for i in predTokens.indices where !PythonCase.isSpace(predTokens[i].text) {
            predSpans.insert(CharacterSpan(start: predTokens[i].idx, end: predTokens[i].idx + predTokens[i].length))
            if example.alignment.length(i) != 1 { accuracy.fp += 1 } else { accuracy.tp += 1 }
        }
        prf.scoreSet(predSpans, goldSpans)
    }

    var scores: Scores {
        guard accuracy.count > 0 else {
            return Scores([("token_acc", .none), ("token_p", .none), ("token_r", .none), ("token_f", .none)])
        }
        return Scores([
            ("token_acc", .number(accuracy.precision)), ("token_p", .number(prf.precision)),
            ("token_r", .number(prf.recall)), ("token_f", .number(prf.fscore)),
        ])
    }
}

struct CharacterSpan: Hashable {
    var start: Int
    var end: Int
}

extension PRFScore {
    /// `score_set(cand, gold)`.
    mutating func scoreSet<T: Hashable>(_ candidates: Set<T>, _ gold: Set<T>) {
        let common = candidates.count <= gold.count
            ? candidates.reduce(0) { $0 + (gold.contains($1) ? 1 : 0) }
            : gold.reduce(0) { $0 + (candidates.contains($1) ? 1 : 0) }
        tp += common
        fp += candidates.count - common
        fn += gold.count - common
    }
}
