#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AimSpacyModel

/// What every target exports of one run, already named by `ExportNames`: metrics with their points
/// on the training's step axis, and the flattened config.
public struct ExportedRun: Sendable, Equatable {
    public var run: Run
    /// Every series, then the final scores of the saved pipeline (one point each, at the last step).
    public var metrics: [ExportedMetric]
    /// The names of `metrics` that are final scores, in order (TensorBoard's HParams metrics).
    public var finalMetricNames: [String]
    /// The interpolated config flattened to dotted keys, leaves in document order.
    public var parameters: [ExportedParameter]

    /// Maps `run`. spaCy's logs give no time per row, so point times are derived: the run's `created`
    /// time (when the training's files were last written) minus one millisecond per step still to
    /// come, so times rise with the step and the last point is at the training's end.
    public init(_ run: Run) {
        self.run = run
        let lastStep = run.series.lazy.compactMap { $0.points.last?.step }.max() ?? 0
        let end = Int64((run.created.timeIntervalSince1970 * 1000).rounded(.down))
        func milliseconds(_ step: Int) -> Int64 { end - Int64(lastStep - step) }

        var seen = Set<String>()
        var metrics: [ExportedMetric] = []
        func add(_ name: String, _ points: [ExportedPoint]) {
            var unique = name
            var counter = 2
            while !seen.insert(unique).inserted {
                unique = "\(name)_\(counter)"
                counter += 1
            }
            metrics.append(ExportedMetric(name: unique, points: points))
        }
        for series in run.series {
            add(ExportNames.series(series), series.points.map {
                ExportedPoint(step: $0.step, milliseconds: milliseconds($0.step), value: $0.value)
            })
        }
        var finals: [String] = []
        if let saved = run.finalScores.first(where: { $0.model == "model-best" }) ?? run.finalScores.first {
            let at = { (value: Double) in [ExportedPoint(step: lastStep, milliseconds: end, value: value)] }
            for score in saved.scores {
                guard let value = score.value else { continue }
                add(ExportNames.finalScore(score.name), at(value))
                finals.append(metrics[metrics.count - 1].name)
            }
            for table in saved.perLabel {
                for row in table.rows {
                    for metric in row.metrics {
                        guard let value = metric.value else { continue }
                        add(ExportNames.perLabel(table: table.name, label: row.label, metric: metric.name), at(value))
                    }
                }
            }
        }
        self.metrics = metrics
        self.finalMetricNames = finals
        self.parameters = Self.flatten(run.hyperparameters)
    }

    /// Every leaf of the config by dotted key (an empty section counts as a leaf).
    static func flatten(_ config: JSONValue) -> [ExportedParameter] {
        var out: [ExportedParameter] = []
        func walk(_ path: [String], _ value: JSONValue) {
            if case .object(let members) = value, !members.isEmpty {
                for member in members { walk(path + [member.key], member.value) }
            } else if !path.isEmpty {
                out.append(ExportedParameter(key: ExportNames.parameter(path), value: value))
            }
        }
        walk([], config)
        return out
    }

    /// The number of metric points.
    public var pointCount: Int { metrics.reduce(0) { $0 + $1.points.count } }

    /// The start of the training as exported: the time of the first point, else `created`.
    public var startMilliseconds: Int64 {
        metrics.lazy.compactMap { $0.points.first?.milliseconds }.min()
            ?? Int64((run.created.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The end of the training as exported: `created`.
    public var endMilliseconds: Int64 { Int64((run.created.timeIntervalSince1970 * 1000).rounded(.down)) }
}

/// One named metric and its points.
public struct ExportedMetric: Sendable, Equatable {
    public var name: String
    public var points: [ExportedPoint]
}

/// One value at a step, with its (derived) time in milliseconds since 1970.
public struct ExportedPoint: Sendable, Equatable {
    public var step: Int
    public var milliseconds: Int64
    public var value: Double
}

/// One config leaf.
public struct ExportedParameter: Sendable, Equatable {
    public var key: String
    public var value: JSONValue

    /// The value as the config shows it: strings bare, everything else as JSON.
    public var text: String {
        if case .string(let s) = value { return s }
        return value.serialized()
    }
}
