#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The JSON form of a run: what `runs --json` and `show --json` print and what archives keep.
/// Keys come in a fixed order; scores and per-label tables follow `meta.json`'s `performance`.
extension Run {
    /// A UTC ISO 8601 timestamp, `2025-11-27T03:33:20Z`, with milliseconds when the time has a
    /// fraction (`…20.123Z`).
    public static func timestamp(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = Int(interval.rounded(.down))
        var millis = Int(((interval - Double(seconds)) * 1000).rounded())
        if millis == 1000 {
            seconds += 1
            millis = 0
        }
        let t = UTCTime(secondsSince1970: seconds)
        let pad = UTCTime.pad
        var text = "\(pad(t.year, 4))-\(pad(t.month, 2))-\(pad(t.day, 2))T\(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2))"
        if millis != 0 { text += "." + pad(millis, 3) }
        return text + "Z"
    }

    /// The fields every listing shows: `hash`, `experiment`, `name`, `tags`, `description`,
    /// `created`, `imported`, `complete`, `steps`.
    public static func summaryJSON(
        hash: String, experiment: String?, name: String, tags: [String], description: String, created: Date,
        imported: Date, complete: Bool, steps: Int
    ) -> [(key: String, value: JSONValue)] {
        [
            ("hash", .string(hash)),
            ("experiment", experiment.map(JSONValue.string) ?? .null),
            ("name", .string(name)),
            ("tags", .array(tags.map(JSONValue.string))),
            ("description", .string(description)),
            ("created", .string(timestamp(created))),
            ("imported", .string(timestamp(imported))),
            ("complete", .bool(complete)),
            ("steps", .int(steps)),
        ]
    }

    /// The run as JSON. `points` includes every series with its points (otherwise one summary per
    /// series: count, last, min, max); `markup` includes the renders' markup by id.
    public func jsonValue(points: Bool = true, markup: Bool = true) -> JSONValue {
        var members = Run.summaryJSON(
            hash: hash, experiment: experiment, name: name, tags: tags, description: description, created: created,
            imported: imported, complete: complete, steps: steps
        )
        members += [
            ("lang", .string(lang)),
            ("pipeline", .array(pipeline.map(JSONValue.string))),
            ("spacy_version", .string(spacyVersion)),
            ("settings", settings.jsonValue),
            ("config", hyperparameters),
            ("config_text", .string(configText)),
            ("final", .object(finalScores.map { ($0.model, $0.jsonValue) })),
            ("labels", .object(labels.map { ($0.component, .array($0.labels.map(JSONValue.string))) })),
            ("evaluation", evaluation ?? .null),
            ("predictions", .array(predictions.map(\.jsonValue))),
            ("datasets", .array(datasets.map(\.jsonValue))),
            ("series", .array(series.map { $0.jsonValue(points: points) })),
            ("visualisations", .array(visualisations.map(\.jsonValue))),
        ]
        if markup {
            members.append(("renders", .object(renders.map { ($0.id, .object([("style", .string($0.style)), ("markup", .string($0.markup))])) })))
        }
        members += [
            ("sources", .array(sources.map(\.jsonValue))),
            ("warnings", .array(warnings.map(JSONValue.string))),
        ]
        return .object(members)
    }
}

extension JSONValue {
    /// A number, or `null` for `nil`.
    package static func number(_ value: Double?) -> JSONValue { value.map(JSONValue.double) ?? .null }
}

extension LoggerSettings {
    /// The settings under `spacy.AimLogger.v1`'s names; `image_size` as `"width,height"`.
    public var jsonValue: JSONValue {
        .object([
            ("repo", repo.map(JSONValue.string) ?? .null),
            ("experiment_name", experimentName.map(JSONValue.string) ?? .null),
            ("viz_path", vizPath.map(JSONValue.string) ?? .null),
            ("model_log_interval", modelLogInterval.map(JSONValue.int) ?? .null),
            ("image_size", .string("\(imageWidth),\(imageHeight)")),
            ("experiment_type", experimentType.map(JSONValue.string) ?? .null),
        ])
    }
}

extension FinalScores {
    /// Scores then per-label tables, as in `meta.json`'s `performance`.
    public var jsonValue: JSONValue {
        .object(
            scores.map { ($0.name, JSONValue.number($0.value)) }
                + perLabel.map { table in
                    (table.name, .object(table.rows.map { row in
                        (row.label, .object(row.metrics.map { ($0.name, JSONValue.number($0.value)) }))
                    }))
                }
        )
    }
}

extension MetricSeries {
    /// `{"name", "context", "points": [[step, epoch, value]…]}`, or count/last/min/max without points.
    public func jsonValue(points includePoints: Bool) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("name", .string(name)),
            ("context", .object(context.map { ($0.key, .string($0.value)) })),
        ]
        if includePoints {
            members.append(("points", .array(points.map { .array([.int($0.step), .int($0.epoch), .double($0.value)]) })))
        } else {
            members += [
                ("count", .int(points.count)), ("last", .number(last)), ("min", .number(min)), ("max", .number(max)),
            ]
        }
        return .object(members)
    }
}

extension DatasetStatistics {
    public var jsonValue: JSONValue {
        func counts(_ list: [LabelCount]) -> JSONValue { .object(list.map { ($0.label, .int($0.count)) }) }
        return .object([
            ("role", .string(role)), ("path", .string(path)), ("docs", .int(docs)), ("tokens", .int(tokens)),
            ("sentences", .int(sentences)), ("entity_labels", counts(entityLabels)),
            ("span_labels", counts(spanLabels)), ("cat_labels", counts(catLabels)),
        ])
    }
}

extension Visualisation {
    /// `{"step", "style", "docs"}` with the render ids in doc order; `step` is `null` for the final model.
    public var jsonValue: JSONValue {
        .object([
            ("step", step.map(JSONValue.int) ?? .null), ("style", .string(style)),
            ("docs", .array(renderIDs.map(JSONValue.string))),
        ])
    }
}

extension SourceFile {
    public var jsonValue: JSONValue {
        .object([("path", .string(path)), ("size", .int(size)), ("sha256", .string(sha256)), ("role", .string(role))])
    }
}
