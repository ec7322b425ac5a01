import AimSpacyModel

/// `Scorer.score_deps` as the parser calls it: `dep_uas`, `dep_las` and `dep_las_per_type` over (token, head, label)
/// with labels lower-cased and `p`/`punct` ignored. Gold tokens with a missing label are skipped — and, as in spaCy,
/// the set of skipped gold indices carries over from one doc to the next.
struct DependencyScore: ExampleScore {
    static let ignoredLabels: Set<String> = ["p", "punct"]
    var unlabelled = PRFScore()
    var labelled = PRFScore()
    var perDep: [(label: String, score: PRFScore)] = []
    var depIndex: [String: Int] = [:]
    var missingIndices = Set<Int>()

    private mutating func index(_ label: String) -> Int {
        if let i = depIndex[label] { return i }
        perDep.append((label, PRFScore()))
        depIndex[label] = perDep.count - 1
        return perDep.count - 1
    }

    mutating func add(_ example: Example) {
        let align = example.alignment
        var gold = Set<Arc>()
        let goldTokens = example.reference.tokens
        for g in goldTokens.indices {
            let dep = PythonCase.lowerString(goldTokens[g].dep)
            if dep.isEmpty {
                missingIndices.insert(g)
            } else if !Self.ignoredLabels.contains(dep) {
                gold.insert(Arc(token: g, head: goldTokens[g].head, label: index(dep)))
            }
        }
        let tokens = example.predicted.tokens
        if align.isIdentity {
            addIdentical(gold: gold, tokens: tokens)
            return
        }
        var pred = Set<Arc>()
        for i in tokens.indices where !PythonCase.isSpace(tokens[i].text) {
            let g: Int? = align.length(i) == 1 ? align.first(i) : nil
            if let g, missingIndices.contains(g) { continue }
            let dep = PythonCase.lowerString(tokens[i].dep)
            guard !Self.ignoredLabels.contains(dep), !tokens[i].text.isEmpty else { continue }
            let head = tokens[i].head
            let goldHead: Int? = align.length(head) == 1 ? align.first(head) : nil
            if let g, let goldHead {
                pred.insert(Arc(token: g, head: goldHead, label: index(dep)))
            } else {
                unlabelled.fp += 1
                labelled.fp += 1
            }
        }
        var perLabel: [Int: PRFScore] = [:]
        for arc in pred {
            if gold.contains(arc) {
                labelled.tp += 1
                perLabel[arc.label, default: PRFScore()].tp += 1
            } else {
                labelled.fp += 1
                perLabel[arc.label, default: PRFScore()].fp += 1
            }
        }
        for arc in gold where !pred.contains(arc) {
            labelled.fn += 1
            perLabel[arc.label, default: PRFScore()].fn += 1
        }
        for (i, counts) in perLabel { perDep[i].score += counts }
        unlabelled.scoreSet(Set(pred.map(\.unlabelled)), Set(gold.map(\.unlabelled)))
    }

    /// The same counts for identically tokenised docs, where each token has at most one gold and one predicted arc.
    private mutating func addIdentical(gold: Set<Arc>, tokens: [Token]) {
        var goldArcs: [Int: Arc] = [:]
        for arc in gold { goldArcs[arc.token] = arc }
        for i in tokens.indices where !PythonCase.isSpace(tokens[i].text) {
            guard !missingIndices.contains(i) else { continue }
            let dep = PythonCase.lowerString(tokens[i].dep)
            guard !Self.ignoredLabels.contains(dep), !tokens[i].text.isEmpty else { continue }
            let head = tokens[i].head
            guard head >= 0 && head < tokens.count else {
                unlabelled.fp += 1
                labelled.fp += 1
                continue
            }
            let arc = Arc(token: i, head: head, label: index(dep))
            let expected = goldArcs.removeValue(forKey: i)
            if expected == arc {
                labelled.tp += 1
                perDep[arc.label].score.tp += 1
            } else {
                labelled.fp += 1
                perDep[arc.label].score.fp += 1
                if let expected {
                    labelled.fn += 1
                    perDep[expected.label].score.fn += 1
                }
            }
            if let expected, expected.head == head {
                unlabelled.tp += 1
            } else {
                unlabelled.fp += 1
                if expected != nil { unlabelled.fn += 1 }
            }
        }
        for arc in goldArcs.values {
            labelled.fn += 1
            unlabelled.fn += 1
            perDep[arc.label].score.fn += 1
        }
    }

    var scores: Scores {
        guard unlabelled.count > 0 else {
            return Scores([("dep_uas", .none), ("dep_las", .none), ("dep_las_per_type", .none)])
        }
        return Scores([
            ("dep_uas", .number(unlabelled.fscore)), ("dep_las", .number(labelled.fscore)),
            ("dep_las_per_type", .object(perDep.map { ($0.label, $0.score.dictionary) })),
        ])
    }
}

struct Arc: Hashable {
    var token: Int
    var head: Int
    var label: Int

    var unlabelled: CharacterSpan { CharacterSpan(start: token, end: head) }
}

extension PythonCase {
    static func lowerString(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x41 || ($0 > 0x5A && $0 < 0x80) }) { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: lower(text))
        return String(out)
    }
}
