import AimSpacyModel

/// `Scorer.score_token_attr_per_feat` for `morph`: micro P/R/F over (gold token, `Field=Value`) pairs and P/R/F per
/// field. Gold tokens with missing or empty morphology are skipped, with the predicted tokens aligned to them.
struct MorphFeatureScore: ExampleScore {
    var micro = PRFScore()
    /// Per field, in the order spaCy first met them.
    var perFeat: [(field: String, score: PRFScore)] = []
    var fieldIndex: [Substring: Int] = [:]

    private mutating func index(_ field: Substring) -> Int {
        if let i = fieldIndex[field] { return i }
        perFeat.append((String(field), PRFScore()))
        fieldIndex[field] = perFeat.count - 1
        return perFeat.count - 1
    }

    mutating func add(_ example: Example) {
        let value = TokenAttributeScore.getter("morph")
        var gold = Set<FeaturePair>()
        var missing = Set<Int>()
        for (g, token) in example.reference.tokens.enumerated() {
            let morph = value(token)
            guard !morph.isEmpty, morph != "_" else {
                missing.insert(g)
                continue
            }
            for feat in morph.split(separator: "|", omittingEmptySubsequences: false) {
                let field = feat.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
                gold.insert(FeaturePair(token: g, field: index(field), feat: Substring(feat)))
            }
        }
        var pred = Set<FeaturePair>()
        for (i, token) in example.predicted.tokens.enumerated() where !PythonCase.isSpace(token.text) {
            guard example.alignment.length(i) == 1 else { continue }
            let g = example.alignment.first(i)
            guard !missing.contains(g) else { continue }
            let morph = value(token)
            guard !morph.isEmpty, morph != "_" else { continue }
            for feat in morph.split(separator: "|", omittingEmptySubsequences: false) {
                let field = feat.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
                pred.insert(FeaturePair(token: g, field: index(field), feat: Substring(feat)))
            }
        }
        var perField = Array(repeating: PRFScore(), count: perFeat.count)
        for pair in pred {
            if gold.contains(pair) { perField[pair.field].tp += 1 } else { perField[pair.field].fp += 1 }
        }
        for pair in gold where !pred.contains(pair) { perField[pair.field].fn += 1 }
        for (f, counts) in perField.enumerated() {
            perFeat[f].score += counts
            micro += counts
        }
    }

    var scores: Scores {
        guard micro.count > 0 else {
            return Scores([("morph_micro_p", .none), ("morph_micro_r", .none), ("morph_micro_f", .none), ("morph_per_feat", .none)])
        }
        return Scores([
            ("morph_micro_p", .number(micro.precision)), ("morph_micro_r", .number(micro.recall)),
            ("morph_micro_f", .number(micro.fscore)),
            ("morph_per_feat", .object(perFeat.map { ($0.field, $0.score.dictionary) })),
        ])
    }
}

struct FeaturePair: Hashable {
    var token: Int
    var field: Int
    var feat: Substring
}
