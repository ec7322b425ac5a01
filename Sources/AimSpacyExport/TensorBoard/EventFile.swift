import AimSpacyModel

/// The bytes of one run's event file: the file version, the HParams experiment and session, the
/// config as text, every metric point as a scalar in step order, and the session's end.
enum EventFile {
    /// The writer named in the first record.
    static let writer = "aim-spacy"

    static func bytes(for exported: ExportedRun, experiment: [UInt8]) -> [UInt8] {
        let start = Double(exported.startMilliseconds) / 1000
        let end = Double(exported.endMilliseconds) / 1000
        var file = TFRecordWriter()
        file.append(EventRecords.fileVersion(wallTime: start, writer: writer))
        file.append(EventRecords.pluginData(
            tag: HParamsPluginData.experimentTag, plugin: "hparams", content: experiment, wallTime: start
        ))
        file.append(EventRecords.pluginData(
            tag: HParamsPluginData.sessionStartTag, plugin: "hparams",
            content: HParamsPluginData.sessionStart(hyperparameters: exported.parameters, startTime: start),
            wallTime: start
        ))
        file.append(EventRecords.text(tag: "config", text: configMarkdown(exported.run.configText), step: 0, wallTime: start))
        for (metric, point) in pointsInStepOrder(exported.metrics) {
            file.append(EventRecords.scalar(
                tag: metric.name, value: Float(point.value), step: point.step,
                wallTime: Double(point.milliseconds) / 1000
            ))
        }
        file.append(EventRecords.pluginData(
            tag: HParamsPluginData.sessionEndTag, plugin: "hparams",
            content: HParamsPluginData.sessionEnd(complete: exported.run.complete, endTime: end), wallTime: end
        ))
        return file.bytes
    }

    /// The config as the text plugin shows it: a fenced block, so Markdown leaves it as it is.
    static func configMarkdown(_ text: String) -> String {
        "```ini\n" + text + (text.hasSuffix("\n") || text.isEmpty ? "" : "\n") + "```"
    }

    /// Every point, ordered by step and, within a step, by metric (as a training would have logged
    /// them); the sort is stable, so the order is the same for the same run.
    private static func pointsInStepOrder(_ metrics: [ExportedMetric]) -> [(ExportedMetric, ExportedPoint)] {
        var all: [(metric: Int, point: Int, step: Int)] = []
        for (m, metric) in metrics.enumerated() {
            for (p, point) in metric.points.enumerated() { all.append((m, p, point.step)) }
        }
        all.sort { ($0.step, $0.metric, $0.point) < ($1.step, $1.metric, $1.point) }
        return all.map { (metrics[$0.metric], metrics[$0.metric].points[$0.point]) }
    }

    /// The experiment record shared by every run of one export: the union of their hyper-parameters
    /// (in first-seen order, typed when every run agrees) and their final scores as metrics.
    static func experiment(for runs: [ExportedRun]) -> [UInt8] {
        var order: [String] = []
        var types: [String: HParamsPluginData.DataType] = [:]
        var metrics: [String] = []
        var seenMetrics = Set<String>()
        for run in runs {
            for parameter in run.parameters {
                let type = HParamsPluginData.type(of: parameter.value)
                if let known = types[parameter.key] {
                    if known != type { types[parameter.key] = .unset }
                } else {
                    types[parameter.key] = type
                    order.append(parameter.key)
                }
            }
            for name in run.finalMetricNames where seenMetrics.insert(name).inserted { metrics.append(name) }
        }
        return HParamsPluginData.experiment(
            hyperparameters: order.map { ($0, types[$0] ?? .unset) }, metrics: metrics
        )
    }
}
