@testable import AimSpacyExport
import AimSpacyModel
import Foundation
import Testing

/// What TensorBoard's EventAccumulator reads from an export (`scripts/check_tensorboard_export.py`),
/// checked against the runs that were exported.
struct TensorBoardReading {
    let runs: JSONValue
    /// What TensorBoard's HParams tab is served, when asked for.
    let hparamsTab: JSONValue?

    init(directory: URL, hparamsTab: Bool = false) throws {
        let output = try ReferencePython.script(
            "check_tensorboard_export.py", [directory.path] + (hparamsTab ? ["--hparams-tab"] : []), module: "tensorboard"
        )
        let read = try JSONValue.parse(String(decoding: output, as: UTF8.self))
        runs = try #require(read["runs"])
        self.hparamsTab = read["hparams_tab"]
    }

    /// The HParams tab lists every run (by folder) with its hyper-parameters, status and final scores
    /// (equal as float32), and the experiment has every hyper-parameter and final-score metric.
    func expectHParamsTab(_ runs: [(run: Run, folder: String)]) throws {
        let tab = try #require(hparamsTab)
        let exported = runs.map { ExportedRun($0.run) }
        let names = { (value: JSONValue?) -> Set<String> in
            guard case .array(let items) = value ?? .null else { return [] }
            return Set(items.compactMap(\.stringValue))
        }
        #expect(names(tab["hparams"]) == Set(exported.flatMap(\.parameters).map(\.key)))
        #expect(names(tab["metrics"]) == Set(exported.flatMap(\.finalMetricNames)))
        for (entry, run) in zip(runs, exported) {
            let group = try #require(tab["session_groups"]?[entry.folder], "HParams tab has no \(entry.folder)")
            guard case .object(let hparams) = group["hparams"] ?? .null else { Issue.record("no hparams"); continue }
            #expect(Set(hparams.map(\.key)) == Set(run.parameters.map(\.key)))
            #expect(group["status"] == .array([.string(entry.run.complete ? "STATUS_SUCCESS" : "STATUS_FAILURE")]))
            for name in run.finalMetricNames {
                let value = try #require(run.metrics.first { $0.name == name }?.points.first?.value)
                #expect(float32(group["metrics"]?[name]) == Float(value), "\(entry.folder) \(name)")
            }
        }
    }

    /// Every point of every metric equal as float32, with its step and wall time; the config as
    /// text; the hyper-parameters, final-score metrics and status in the HParams records.
    func expectMatches(_ run: Run, folder: String, experimentRuns: [Run]) throws {
        let read = try #require(runs[folder], "TensorBoard found no run in \(folder)")
        let exported = ExportedRun(run)
        #expect(read["file_version"]?.doubleValue == 2)

        guard case .object(let scalars) = read["scalars"] else { Issue.record("no scalars"); return }
        #expect(Set(scalars.map(\.key)) == Set(exported.metrics.map(\.name)))
        for metric in exported.metrics {
            guard case .array(let points) = read["scalars"]?[metric.name] else {
                Issue.record("\(folder): no scalar \(metric.name)")
                continue
            }
            #expect(points.count == metric.points.count, "\(metric.name)")
            for (point, seen) in zip(metric.points, points) {
                #expect(seen["step"] == .int(point.step), "\(metric.name)")
                #expect(seen["wall_time"]?.doubleValue == Double(point.milliseconds) / 1000, "\(metric.name)")
                let value = float32(seen["value"])
                #expect(value == Float(point.value) || (value.isNaN && point.value.isNaN), "\(metric.name) at \(point.step)")
            }
        }

        #expect(read["text"]?["config"] == .array([.string(EventFile.configMarkdown(run.configText))]))

        let hparams = try #require(read["hparams"])
        let start = try #require(hparams[HParamsPluginData.sessionStartTag]?["session_start_info"]?["hparams"])
        guard case .object(let values) = start else { Issue.record("no session hparams"); return }
        #expect(values.map(\.key).sorted() == exported.parameters.map(\.key).sorted())
        for parameter in exported.parameters {
            let value = start[parameter.key]
            switch parameter.value {
            case .int(let i): #expect(value?.doubleValue == Double(i), "\(parameter.key)")
            case .double(let d): #expect(value?.doubleValue == d, "\(parameter.key)")
            case .bool(let b): #expect(value == .bool(b), "\(parameter.key)")
            default: #expect(value == .string(parameter.text), "\(parameter.key)")
            }
        }
        let end = hparams[HParamsPluginData.sessionEndTag]?["session_end_info"]?["status"]
        #expect(end == .string(run.complete ? "STATUS_SUCCESS" : "STATUS_FAILURE"))

        let experiment = try #require(hparams[HParamsPluginData.experimentTag]?["experiment"])
        let allRuns = experimentRuns.map(ExportedRun.init)
        var names: [String] = []
        for name in allRuns.flatMap(\.finalMetricNames) where !names.contains(name) { names.append(name) }
        guard case .array(let metricInfos) = experiment["metric_infos"] ?? .array([]) else { return }
        #expect(metricInfos.compactMap { $0["name"]?["tag"]?.stringValue } == names)
        guard case .array(let hparamInfos) = experiment["hparam_infos"] ?? .array([]) else { return }
        #expect(Set(hparamInfos.compactMap { $0["name"]?.stringValue }) == Set(allRuns.flatMap(\.parameters).map(\.key)))
    }

    private func float32(_ value: JSONValue?) -> Float {
        switch value {
        case .string("nan"): return .nan
        case .string("inf"): return .infinity
        case .string("-inf"): return -.infinity
        default: return Float(value?.doubleValue ?? .nan)
        }
    }
}
