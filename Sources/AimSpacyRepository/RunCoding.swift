import AimSpacyModel

/// How the parts of a run that have no table of their own are kept as JSON text in the database.
package enum RunCoding {
    package static func text(_ value: JSONValue) -> String { value.serialized() }

    package static func parse(_ text: String, _ what: String) throws(RepositoryError) -> JSONValue {
        do {
            return try JSONValue.parse(text)
        } catch {
            throw RepositoryError("stored \(what) is not valid JSON (\(error))")
        }
    }

    package static func strings(_ values: [String]) -> String { text(.array(values.map(JSONValue.string))) }

    package static func strings(from text: String, _ what: String) throws(RepositoryError) -> [String] {
        guard case .array(let items) = try parse(text, what) else { throw RepositoryError("stored \(what) is not a list") }
        return items.compactMap(\.stringValue)
    }

    package static func scores(_ scores: [NamedScore]) -> JSONValue {
        .array(scores.map { .array([.string($0.name), JSONValue.number($0.value)]) })
    }

    package static func scores(from value: JSONValue) -> [NamedScore] {
        guard case .array(let items) = value else { return [] }
        return items.compactMap { item in
            guard case .array(let pair) = item, pair.count == 2, let name = pair[0].stringValue else { return nil }
            return NamedScore(name: name, value: pair[1].doubleValue)
        }
    }

    package static func rows(_ rows: [ScoreRow]) -> String {
        text(.array(rows.map { .array([.string($0.label), scores($0.metrics)]) }))
    }

    package static func rows(from text: String) throws(RepositoryError) -> [ScoreRow] {
        guard case .array(let items) = try parse(text, "per-label table") else { return [] }
        return items.compactMap { item in
            guard case .array(let pair) = item, pair.count == 2, let label = pair[0].stringValue else { return nil }
            return ScoreRow(label: label, metrics: scores(from: pair[1]))
        }
    }

    package static func counts(_ counts: [LabelCount]) -> String {
        text(.array(counts.map { .array([.string($0.label), .int($0.count)]) }))
    }

    package static func counts(from text: String) throws(RepositoryError) -> [LabelCount] {
        guard case .array(let items) = try parse(text, "label counts") else { return [] }
        return items.compactMap { item in
            guard case .array(let pair) = item, pair.count == 2, let label = pair[0].stringValue,
                case .int(let count) = pair[1]
            else { return nil }
            return LabelCount(label: label, count: count)
        }
    }

    package static func context(_ pairs: [ContextPair]) -> String {
        text(.array(pairs.map { .array([.string($0.key), .string($0.value)]) }))
    }

    package static func context(from text: String) throws(RepositoryError) -> [ContextPair] {
        guard case .array(let items) = try parse(text, "series context") else { return [] }
        return items.compactMap { item in
            guard case .array(let pair) = item, pair.count == 2, let key = pair[0].stringValue,
                let value = pair[1].stringValue
            else { return nil }
            return ContextPair(key: key, value: value)
        }
    }

    package static func settings(_ s: LoggerSettings) -> String {
        func optional(_ v: String?) -> JSONValue { v.map(JSONValue.string) ?? .null }
        return text(.object([
            ("repo", optional(s.repo)),
            ("experiment_name", optional(s.experimentName)),
            ("viz_path", optional(s.vizPath)),
            ("model_log_interval", s.modelLogInterval.map(JSONValue.int) ?? .null),
            ("image_width", .int(s.imageWidth)),
            ("image_height", .int(s.imageHeight)),
            ("experiment_type", optional(s.experimentType)),
        ]))
    }

    package static func settings(from text: String) throws(RepositoryError) -> LoggerSettings {
        let value = try parse(text, "logger settings")
        func int(_ key: String) -> Int? {
            if case .int(let i) = value[key] { return i }
            return nil
        }
        return LoggerSettings(
            repo: value["repo"]?.stringValue, experimentName: value["experiment_name"]?.stringValue,
            vizPath: value["viz_path"]?.stringValue, modelLogInterval: int("model_log_interval"),
            imageWidth: int("image_width") ?? 600, imageHeight: int("image_height") ?? 200,
            experimentType: value["experiment_type"]?.stringValue
        )
    }
}
