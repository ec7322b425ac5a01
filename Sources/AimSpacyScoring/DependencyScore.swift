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
        for (g, token) in example.reference.tokens.enumerated() {
            let dep = PythonCase.lowerString(token.dep)
            if dep.isEmpty {
                missingIndices.insert(g)
            } else if !Self.ignoredLabels.contains(dep) {
                gold.insert(Arc(token: g, head: token.head, label: index(dep)))
            }
        }
        var pred = Set<Arc>()
        let tokens = example.predicted.tokens
        for (i, token) in tokens.enumerated() where !PythonCase.isSpace(token.text) {
            let g: Int? = align.length(i) == 1 ? align.first(i) : nil
            if let g, missingIndices.contains(g) { continue }
            let dep = PythonCase.lowerString(token.dep)
            guard !Self.ignoredLabels.contains(dep), !token.text.isEmpty else { continue }
            let head = token.head
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
