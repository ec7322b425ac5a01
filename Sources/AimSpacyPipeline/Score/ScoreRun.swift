import AimSpacyModel
import AimSpacyScoring

/// `aim-spacy score GOLD.spacy PRED.spacy --model MODEL_DIR [--json]`: what spaCy's `Scorer(nlp).score` returns for
/// the paired docs, with `nlp` the trained pipeline described by MODEL_DIR's config and meta.
public enum ScoreRun {
    /// The scores as one JSON object (`--json`) or as tables for people.
    public static func run(gold: String, predicted: String, model: String, json: Bool) throws -> String {
        let pipeline = try ScoringPipeline.load(model: model)
        let goldBin = try DocBinFile.open(gold)
        let predictedBin = try DocBinFile.open(predicted)
        let pairs = PairedDocBins(gold: goldBin, predicted: predictedBin, goldFile: gold, predictedFile: predicted)
        let scores = try pairs.score(with: pipeline)
        return json ? scores.json.serialized() + "\n" : table(scores)
    }

    /// Flat scores in one table; every per-label dict (`ents_per_type`, `cats_auc_per_type`, …) in its own.
    static func table(_ scores: Scores) -> String {
        var flat = TextTable(["score", "value"])
        var nested: [String] = []
        for (key, value) in scores.entries {
            switch value {
            case .none: flat.append([key, "-"])
            case .number(let d): flat.append([key, formatScore(d)])
            case .text(let s): flat.append([key, s])
            case .object(let members):
                let isPRF = members.allSatisfy { if case .object(let m) = $0.value { m.map(\.key) == ["p", "r", "f"] } else { false } }
                var sub = TextTable(isPRF ? [key, "p", "r", "f"] : [key, "value"])
                for (label, v) in members {
                    switch v {
                    case .object(let m): sub.append([label] + m.map { cell($0.value) })
                    default: sub.append([label, cell(v)])
                    }
                }
                nested.append(sub.text)
            }
        }
        return ([flat.text] + nested).joined(separator: "\n")
    }

    private static func cell(_ value: ScoreValue) -> String {
        switch value {
        case .none: return "-"
        case .number(let d): return formatScore(d)
        case .text(let s): return s
        case .object: return "…"
        }
    }
}
