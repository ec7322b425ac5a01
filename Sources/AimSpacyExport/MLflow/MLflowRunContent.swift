import AimSpacyModel

/// One run as MLflow entities: its params, tags and metric points, named by `ExportNames`.
struct MLflowRunContent {
    /// The tag an exported run is found again by.
    static let hashTag = "aim_spacy.hash"

    let exported: ExportedRun

    /// The interpolated config flattened to dotted keys; values over MLflow's limit shortened.
    var params: [JSONValue] {
        exported.parameters.map { parameter in
            entity(parameter.key, MLflowLimits.shortened(parameter.text, limit: MLflowLimits.paramValueLength))
        }
    }

    /// The tags set when the run is created: its name and hash, so a run left half-exported is found.
    var creationTags: [JSONValue] {
        [entity("mlflow.runName", exported.run.name), entity(Self.hashTag, exported.run.hash)]
    }

    /// The other tags: spaCy version, pipeline, language, the run's experiment, tags, description and
    /// source files.
    var tags: [JSONValue] {
        let run = exported.run
        var pairs: [(String, String)] = [
            ("spacy.version", run.spacyVersion), ("spacy.pipeline", run.pipeline.joined(separator: ",")),
            ("spacy.lang", run.lang), ("aim_spacy.tags", run.tags.joined(separator: ",")),
            ("aim_spacy.complete", run.complete ? "true" : "false"),
            ("aim_spacy.sources", run.sources.map { "\($0.role) \($0.path)" }.joined(separator: "\n")),
        ]
        if let experiment = run.experiment { pairs.append(("aim_spacy.experiment", experiment)) }
        if !run.description.isEmpty { pairs.append(("mlflow.note.content", run.description)) }
        return pairs.map { entity($0.0, MLflowLimits.shortened($0.1, limit: MLflowLimits.tagValueLength)) }
    }

    /// Every point of every metric, with its step and time.
    var metrics: [JSONValue] {
        exported.metrics.flatMap { metric in
            metric.points.map { point in
                JSONValue.object([
                    ("key", .string(metric.name)), ("value", Self.number(point.value)),
                    ("timestamp", .int(Int(point.milliseconds))), ("step", .int(point.step)),
                ])
            }
        }
    }

    /// A double as protobuf's JSON mapping writes it (`"NaN"`, `"Infinity"` as strings).
    static func number(_ value: Double) -> JSONValue {
        if value.isNaN { return .string("NaN") }
        if value.isInfinite { return .string(value > 0 ? "Infinity" : "-Infinity") }
        return .double(value)
    }

    private func entity(_ key: String, _ value: String) -> JSONValue {
        .object([("key", .string(key)), ("value", .string(value))])
    }
}
