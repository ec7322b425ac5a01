import AimSpacyModel
import AimSpacyReport
import AimSpacyScoring

/// The error analysis summed up as the report's tables.
enum ErrorTables {
    /// How many frequent error texts per label, and confused pairs per table, a page lists.
    static let frequentPerLabel = 5
    static let confusedPairs = 15

    static func fill(_ report: inout ErrorReport, analysis: ErrorAnalysis, scores: JSONValue) {
        report.spans = analysis.spans.map(spanTable)
        if let cats = analysis.categories { report.categories = categoryTable(cats, scores: scores) }
        if let deps = analysis.dependencies { report.dependencies = dependencyTable(deps) }
        report.tokens = analysis.tokens.map { t in
            ValueConfusionTable(attr: t.attr, pairs: t.mostConfused(limit: confusedPairs).map { Cell(gold: $0.pair.gold, predicted: $0.pair.predicted, count: $0.count) })
        }
    }

    static func spanTable(_ errors: SpanErrors) -> SpanErrorTable {
        let counts = errors.counts
        let labels = Set(errors.goldCounts.keys).union(counts.keys).sorted {
            (-(errors.goldCounts[$0] ?? 0), $0) < (-(errors.goldCounts[$1] ?? 0), $1)
        }
        let rows = labels.map { label in
            SpanErrorTable.Row(
                label: label, gold: errors.goldCounts[label] ?? 0,
                counts: counts[label] ?? [:])
        }
        let frequent = errors.frequentErrors(limit: frequentPerLabel)
        return SpanErrorTable(
            attr: errors.attr, rows: rows,
            confusion: errors.confusion.map { Cell(gold: $0.gold, predicted: $0.predicted, count: $0.count) },
            frequent: labels.flatMap { label in
                (frequent[label] ?? []).map { e in
                    SpanErrorTable.FrequentError(label: label, kind: e.kind, text: e.text, count: e.count)
                }
            })
    }

    static func categoryTable(_ cats: CategoryConfusion, scores: JSONValue) -> CategoryErrorTable {
        let perType = scores["cats_f_per_type"]
        var labels = cats.labels
        if case .object(let members)? = perType {
            for (label, _) in members where !labels.contains(label) { labels.append(label) }
        }
        return CategoryErrorTable(
            multiLabel: cats.multiLabel, threshold: cats.threshold, labels: cats.labels,
            cells: cats.cells.map { Cell(gold: $0.key.gold, predicted: $0.key.predicted, count: $0.value) }
                .sorted { ($0.gold ?? "\u{10FFFF}", $0.predicted ?? "\u{10FFFF}") < ($1.gold ?? "\u{10FFFF}", $1.predicted ?? "\u{10FFFF}") },
            perLabel: labels.map { label in
                let entry = perType?[label]
                return (label, entry?["p"]?.doubleValue, entry?["r"]?.doubleValue, entry?["f"]?.doubleValue)
            })
    }

    static func dependencyTable(_ deps: DependencyErrors) -> DependencyErrorTable {
        let rows = deps.perLabel.sorted { ($1.value.arcs, $0.key) < ($0.value.arcs, $1.key) }.map { label, c in
            DependencyErrorTable.Row(label: label, arcs: c.arcs, correct: c.correct, headErrors: c.headErrors, labelErrors: c.labelErrors)
        }
        let confused = deps.confusedLabels.sorted { ($1.value, $0.key.gold, $0.key.predicted) < ($0.value, $1.key.gold, $1.key.predicted) }
            .prefix(confusedPairs).map { Cell(gold: $0.key.gold, predicted: $0.key.predicted, count: $0.value) }
        return DependencyErrorTable(rows: rows, confused: Array(confused))
    }
}
