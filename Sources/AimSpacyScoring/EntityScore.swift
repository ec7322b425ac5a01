import AimSpacyModel

/// `get_ner_prf` (the ner and entity_ruler scorers): `ents_p/r/f` and `ents_per_type`. Docs without gold entity
/// annotation are skipped; a predicted entity over gold tokens with a missing IOB is neither right nor wrong.
struct EntityScore: ExampleScore {
    /// Per label, in the order spaCy's `defaultdict` meets them (predicted labels first, then missed gold ones).
    var perType: [(label: String, score: PRFScore)] = []
    var labelIndex: [String: Int] = [:]

    private mutating func index(_ label: String) -> Int {
        if let i = labelIndex[label] { return i }
        perType.append((label, PRFScore()))
        labelIndex[label] = perType.count - 1
        return perType.count - 1
    }

    mutating func add(_ example: Example) {
        let gold = example.reference
        guard gold.has(.entIOB) else { return }
        var golds = Set(gold.entitySpans)
        for ent in example.predicted.ents {
            let i = index(ent.label)
            let indices = example.alignment.indices(ent.start..<ent.end)
            guard let first = indices.first, let last = indices.last else { continue }
            let start = Int(first), end = Int(last) + 1
            let range = max(0, start)..<min(max(start, end), gold.tokens.count)
            guard gold.tokens[range].allSatisfy({ $0.entIOB != .missing }) else { continue }
            let key = LabeledSpan(label: ent.label, start: start, end: end)
            if golds.remove(key) != nil { perType[i].score.tp += 1 } else { perType[i].score.fp += 1 }
        }
        // spaCy walks the remaining gold set, whose order depends on string hashing; sorted here for one fixed order.
        for span in golds.sorted(by: { ($0.start, $0.end, $0.label) < ($1.start, $1.end, $1.label) }) {
            perType[index(span.label)].score.fn += 1
        }
    }

    var scores: Scores {
        var totals = PRFScore()
        for (_, score) in perType { totals += score }
        guard totals.count > 0 else {
            return Scores([("ents_p", .none), ("ents_r", .none), ("ents_f", .none), ("ents_per_type", .none)])
        }
        return Scores([
            ("ents_p", .number(totals.precision)), ("ents_r", .number(totals.recall)), ("ents_f", .number(totals.fscore)),
            ("ents_per_type", .object(perType.map { ($0.label, $0.score.dictionary) })),
        ])
    }
}
