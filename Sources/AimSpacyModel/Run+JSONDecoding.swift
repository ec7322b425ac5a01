#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A JSON tree that is not a run as `Run.jsonValue()` writes it: the key path and what was expected.
public struct RunJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var expected: String

    public init(path: String, expected: String) {
        self.path = path
        self.expected = expected
    }

    public var description: String { "\(path): expected \(expected)" }
}

extension Run {
    /// Reads back what `jsonValue()` wrote (with points and markup), e.g. from an archive.
    /// Times keep millisecond precision.
    public init(json: JSONValue) throws(RunJSONError) {
        let reader = JSONReader(value: json, path: "run")
        self.init(
            hash: try reader.string("hash"), experiment: try reader.optionalString("experiment"),
            name: try reader.string("name"), tags: try reader.strings("tags"),
            description: try reader.string("description"), created: try reader.date("created"),
            imported: try reader.date("imported"), complete: try reader.bool("complete"),
            hyperparameters: try reader.member("config"), configText: try reader.string("config_text"),
            pipeline: try reader.strings("pipeline"), lang: try reader.string("lang"),
            spacyVersion: try reader.string("spacy_version")
        )
        settings = try LoggerSettings(json: reader.child("settings"))
        series = try reader.child("series").items().map { item throws(RunJSONError) in try MetricSeries(json: item) }
        finalScores = try reader.child("final").members().map { model, scores throws(RunJSONError) in
            try FinalScores(model: model, json: scores)
        }
        labels = try reader.child("labels").members().map { component, labels throws(RunJSONError) in
            ComponentLabels(component: component, labels: try labels.items().map { item throws(RunJSONError) in try item.stringValue() })
        }
        let evaluation = try reader.member("evaluation")
        self.evaluation = evaluation == .null ? nil : evaluation
        // Archives written before predictions existed have no such key.
        if case .object = json, json["predictions"] != nil {
            predictions = try reader.child("predictions").items().map { item throws(RunJSONError) in try PredictionSet(json: item) }
        }
        datasets = try reader.child("datasets").items().map { item throws(RunJSONError) in try DatasetStatistics(json: item) }
        visualisations = try reader.child("visualisations").items().map { item throws(RunJSONError) in
            Visualisation(
                step: try item.optionalInt("step"), style: try item.string("style"),
                renderIDs: try item.strings("docs")
            )
        }
        renders = try reader.child("renders").members().map { id, render throws(RunJSONError) in
            Render(id: id, style: try render.string("style"), markup: try render.string("markup"))
        }
        sources = try reader.child("sources").items().map { item throws(RunJSONError) in
            SourceFile(path: try item.string("path"), size: try item.int("size"), sha256: try item.string("sha256"), role: try item.string("role"))
        }
        warnings = try reader.strings("warnings")
    }

    /// Parses a timestamp written by `timestamp(_:)`.
    public static func date(fromTimestamp text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for i in range {
                guard bytes[i] >= 48 && bytes[i] <= 57 else { return nil }
                value = value * 10 + Int(bytes[i] - 48)
            }
            return value
        }
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"), let year = number(0..<4), let month = number(5..<7),
            let day = number(8..<10), let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var millis = 0
        if bytes.count == 24, bytes[19] == UInt8(ascii: "."), let fraction = number(20..<23) {
            millis = fraction
        } else if bytes.count != 20 {
            return nil
        }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = Double(days * 86400 + hour * 3600 + minute * 60 + second) + Double(millis) / 1000
        return Date(timeIntervalSince1970: seconds)
    }
}

extension LoggerSettings {
    init(json: JSONReader) throws(RunJSONError) {
        let size = try json.string("image_size").split(separator: ",").compactMap { Int($0) }
        guard size.count == 2 else { throw RunJSONError(path: json.path + ".image_size", expected: "\"width,height\"") }
        self.init(
            repo: try json.optionalString("repo"), experimentName: try json.optionalString("experiment_name"),
            vizPath: try json.optionalString("viz_path"), modelLogInterval: try json.optionalInt("model_log_interval"),
            imageWidth: size[0], imageHeight: size[1], experimentType: try json.optionalString("experiment_type")
        )
    }
}

extension MetricSeries {
    init(json: JSONReader) throws(RunJSONError) {
        self.init(name: try json.string("name"))
        context = try json.child("context").members().map { key, value throws(RunJSONError) in
            ContextPair(key: key, value: try value.stringValue())
        }
        points = try json.child("points").items().map { point throws(RunJSONError) in
            let fields = try point.items()
            guard fields.count == 3 else { throw RunJSONError(path: point.path, expected: "[step, epoch, value]") }
            return MetricPoint(step: try fields[0].intValue(), epoch: try fields[1].intValue(), value: try fields[2].doubleValue())
        }
    }
}

extension FinalScores {
    /// Numbers (or `null`) are scores; objects are per-label tables, as in `meta.json`'s `performance`.
    init(model: String, json: JSONReader) throws(RunJSONError) {
        self.init(model: model)
        for (name, value) in try json.members() {
            if case .object = value.value {
                perLabel.append(ScoreTable(name: name, rows: try value.members().map { label, metrics throws(RunJSONError) in
                    ScoreRow(label: label, metrics: try metrics.members().map { metric, score throws(RunJSONError) in
                        NamedScore(name: metric, value: try score.optionalDoubleValue())
                    })
                }))
            } else {
                scores.append(NamedScore(name: name, value: try value.optionalDoubleValue()))
            }
        }
    }
}

extension DatasetStatistics {
    init(json: JSONReader) throws(RunJSONError) {
        func counts(_ key: String) throws(RunJSONError) -> [LabelCount] {
            try json.child(key).members().map { label, count throws(RunJSONError) in LabelCount(label: label, count: try count.intValue()) }
        }
        self.init(
            role: try json.string("role"), path: try json.string("path"), docs: try json.int("docs"),
            tokens: try json.int("tokens"), sentences: try json.int("sentences"), entityLabels: try counts("entity_labels"),
            spanLabels: try counts("span_labels"), catLabels: try counts("cat_labels")
        )
    }
}

/// Typed access to a JSON tree that knows its key path, for error messages.
struct JSONReader {
    let value: JSONValue
    let path: String

    func fail(_ expected: String) -> RunJSONError { RunJSONError(path: path, expected: expected) }

    func member(_ key: String) throws(RunJSONError) -> JSONValue {
        guard case .object = value else { throw fail("an object") }
        guard let member = value[key] else { throw RunJSONError(path: path + "." + key, expected: "a value") }
        return member
    }

    func child(_ key: String) throws(RunJSONError) -> JSONReader { JSONReader(value: try member(key), path: path + "." + key) }

    func items() throws(RunJSONError) -> [JSONReader] {
        guard case .array(let items) = value else { throw fail("a list") }
        return items.enumerated().map { JSONReader(value: $1, path: "\(path)[\($0)]") }
    }

    func members() throws(RunJSONError) -> [(String, JSONReader)] {
        guard case .object(let members) = value else { throw fail("an object") }
        return members.map { ($0.key, JSONReader(value: $0.value, path: path + "." + $0.key)) }
    }

    func stringValue() throws(RunJSONError) -> String {
        guard case .string(let s) = value else { throw fail("a string") }
        return s
    }

    func intValue() throws(RunJSONError) -> Int {
        guard case .int(let i) = value else { throw fail("an integer") }
        return i
    }

    func doubleValue() throws(RunJSONError) -> Double {
        guard let d = value.doubleValue else { throw fail("a number") }
        return d
    }

    func optionalDoubleValue() throws(RunJSONError) -> Double? {
        if value == .null { return nil }
        return try doubleValue()
    }

    func string(_ key: String) throws(RunJSONError) -> String { try child(key).stringValue() }
    func int(_ key: String) throws(RunJSONError) -> Int { try child(key).intValue() }

    func bool(_ key: String) throws(RunJSONError) -> Bool {
        let c = try child(key)
        guard case .bool(let b) = c.value else { throw c.fail("true or false") }
        return b
    }

    func optionalString(_ key: String) throws(RunJSONError) -> String? {
        let c = try child(key)
        return c.value == .null ? nil : try c.stringValue()
    }

    func optionalInt(_ key: String) throws(RunJSONError) -> Int? {
        let c = try child(key)
        return c.value == .null ? nil : try c.intValue()
    }

    func strings(_ key: String) throws(RunJSONError) -> [String] {
        try child(key).items().map { item throws(RunJSONError) in try item.stringValue() }
    }

    func date(_ key: String) throws(RunJSONError) -> Date {
        let c = try child(key)
        guard let date = Run.date(fromTimestamp: try c.stringValue()) else { throw c.fail("a UTC ISO 8601 time such as 2026-01-31T12:00:00Z") }
        return date
    }
}
