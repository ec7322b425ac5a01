import AimSpacyModel

extension RunDescription {
    /// Differences up to this are rounding, not disagreement.
    static let predictionTolerance = 1e-9

    /// Each prediction set's flat scores beside the `meta.json` performance of the same model; a difference
    /// beyond `predictionTolerance` is flagged in words (`differs by …`), not by colour.
    static func predictionsText(_ run: Run) -> String {
        var out = ""
        for set in run.predictions {
            let final = run.finalScores.first { $0.model == set.model }
            var table = TextTable(["SCORE", "PREDICTIONS", "META.JSON", ""])
            var differing = 0
            if case .object(let members) = set.scores {
                for (name, value) in members {
                    let predicted: Double?
                    switch value {
                    case .double(let d): predicted = d
                    case .int(let i): predicted = Double(i)
                    case .null: predicted = nil
                    default: continue
                    }
                    let meta = final?.scores.first { $0.name == name }
                    var flag = ""
                    if let meta, let p = predicted, let m = meta.value, abs(p - m) > predictionTolerance {
                        flag = "differs by \(p - m)"
                        differing += 1
                    } else if let meta, (predicted == nil) != (meta.value == nil) {
                        flag = "differs"
                        differing += 1
                    }
                    table.append([name, formatScore(predicted), meta.map { formatScore($0.value) } ?? "", flag])
                }
            }
            let withErrors = set.docErrors.filter { $0 > 0 }.count
            out += "\npredictions \(set.label): \(set.docs) docs, predicted \(set.predicted), \(withErrors) docs with errors"
            out += final == nil ? " (no meta.json performance of \(set.model) to compare)\n"
                : differing == 0 ? " (agrees with \(set.model)/meta.json)\n"
                : " (\(differing) scores differ from \(set.model)/meta.json)\n"
            out += table.text
        }
        return out
    }
}
