import AimSpacyModel

/// The comparison page's predicted scores: runs whose predictions were scored on the same gold DocBin (same
/// sha256), side by side, the flat scores and per label the F of each per-label table (`ents_per_type`,
/// `spans_*_per_type`, `cats_f_per_type`, `dep_las_per_type`).
enum PredictedScores {
    static func add(_ plan: SitePlan, indices: [Int], to context: inout [String: Any]) {
        let names = plan.displayNames(indices)
        var corpora: [(sha: String, gold: String, columns: [(name: String, colour: String, set: PredictionSet)])] = []
        for (n, i) in indices.enumerated() {
            for set in plan.runs[i].predictions {
                let column = (names[n], ChartRenderer.palette[n % ChartRenderer.palette.count], set)
                if let c = corpora.firstIndex(where: { $0.sha == set.goldSHA256 }) {
                    corpora[c].columns.append(column)
                } else {
                    corpora.append((set.goldSHA256, SharedPath.shown(set.gold), [column]))
                }
            }
        }
        let shared = corpora.filter { corpus in Set(corpus.columns.map(\.name)).count >= 2 }
        context["hasPredictedScores"] = !shared.isEmpty
        context["corpora"] = shared.map { corpus -> [String: Any] in
            [
                "gold": ReportText.clean(corpus.gold), "shortSHA": ReportText.clean(String(corpus.sha.prefix(12))),
                "tables": tables(corpus.columns.map(\.set.scores)).map { table -> [String: Any] in
                    [
                        "name": ReportText.clean(table.name),
                        "columns": corpus.columns.map { ["name": ReportText.clean($0.name), "colour": $0.colour, "model": ReportText.clean($0.set.model)] },
                        "rows": table.rows.map { row -> [String: Any] in
                            let best = row.values.compactMap { $0 }.filter(\.isFinite).max()
                            return [
                                "label": ReportText.clean(row.label),
                                "cells": row.values.map { v -> [String: Any] in
                                    ["value": ReportText.score(v), "best": v != nil && v == best && row.values.count > 1]
                                },
                            ]
                        },
                    ]
                },
            ]
        }
    }

    /// The flat numeric scores as one table (`scores`), then one table per per-label object, labels in first-seen order.
    static func tables(_ scores: [JSONValue]) -> [(name: String, rows: [(label: String, values: [Double?])])] {
        var flat: [String] = []
        var nested: [(name: String, labels: [String])] = []
        for score in scores {
            guard case .object(let members) = score else { continue }
            for (key, value) in members {
                switch value {
                case .int, .double: if !flat.contains(key) { flat.append(key) }
                case .object(let labels) where key.hasSuffix("_per_type") && key != "cats_auc_per_type":
                    var n = nested.firstIndex { $0.name == key } ?? nested.count
                    if n == nested.count { nested.append((key, [])) } else { n = nested.firstIndex { $0.name == key }! }
                    for (label, _) in labels where !nested[n].labels.contains(label) { nested[n].labels.append(label) }
                default: break
                }
            }
        }
        var out: [(name: String, rows: [(label: String, values: [Double?])])] = []
        if !flat.isEmpty {
            out.append(("scores", flat.map { key in (key, scores.map { $0[key]?.doubleValue }) }))
        }
        for table in nested {
            out.append((table.name, table.labels.map { label in
                (label, scores.map { score -> Double? in
                    let entry = score[table.name]?[label]
                    return entry?["f"]?.doubleValue ?? entry?.doubleValue
                })
            }))
        }
        return out
    }
}
