@testable import AimSpacyExport
import AimSpacyModel
import Foundation
import Testing

/// Checks what MLflow's client read back for one exported run against the run.
enum MLflowReading {
    /// The read-back runs tagged with this hash.
    static func runs(_ all: [JSONValue], hash: String) -> [JSONValue] {
        all.filter { $0["tags"]?[MLflowRunContent.hashTag] == .string(hash) }
    }

    static func expectMatches(_ run: Run, _ read: JSONValue, experiment: String) {
        let exported = ExportedRun(run)
        #expect(read["experiment"] == .string(experiment))
        #expect(read["status"] == .string(run.complete ? "FINISHED" : "KILLED"))
        #expect(read["start_time"] == .int(Int(exported.startMilliseconds)))
        #expect(read["end_time"] == .int(Int(exported.endMilliseconds)))

        let tags = read["tags"]
        #expect(tags?["mlflow.runName"] == .string(run.name))
        #expect(tags?["spacy.version"] == .string(run.spacyVersion))
        #expect(tags?["spacy.pipeline"] == .string(run.pipeline.joined(separator: ",")))
        #expect(tags?["spacy.lang"] == .string(run.lang))
        #expect(tags?["aim_spacy.tags"] == .string(run.tags.joined(separator: ",")))
        for source in run.sources {
            #expect(tags?["aim_spacy.sources"]?.stringValue?.contains("\(source.role) \(source.path)") == true)
        }

        guard case .object(let params) = read["params"] ?? .null else { Issue.record("no params"); return }
        #expect(params.map(\.key).sorted() == exported.parameters.map(\.key).sorted())
        for parameter in exported.parameters {
            let text = parameter.text
            if text.unicodeScalars.count > MLflowLimits.paramValueLength {
                let value = params.first { $0.key == parameter.key }?.value.stringValue ?? ""
                #expect(value.unicodeScalars.count == MLflowLimits.paramValueLength)
                #expect(value.hasSuffix(MLflowLimits.truncationMarker))
                #expect(text.hasPrefix(value.dropLast(MLflowLimits.truncationMarker.count)))
            } else {
                #expect(read["params"]?[parameter.key] == .string(text), "\(parameter.key)")
            }
        }

        guard case .object(let metrics) = read["metrics"] ?? .null else { Issue.record("no metrics"); return }
        #expect(metrics.map(\.key).sorted() == exported.metrics.map(\.name).sorted())
        for metric in exported.metrics {
            guard case .array(let points) = read["metrics"]?[metric.name] ?? .null else {
                Issue.record("no metric \(metric.name)")
                continue
            }
            #expect(points.count == metric.points.count, "\(metric.name)")
            for (point, seen) in zip(metric.points, points) {
                #expect(seen["step"] == .int(point.step), "\(metric.name)")
                #expect(seen["timestamp"] == .int(Int(point.milliseconds)), "\(metric.name)")
                let value = seen["value"]?.doubleValue ?? .nan
                #expect(value == point.value || (value.isNaN && point.value.isNaN), "\(metric.name) at \(point.step)")
            }
        }
    }
}
