import AimSpacyModel
@testable import AimSpacyReport
import AimSpacyTestSupport
import Foundation

/// Runs built from the fixture trainings (logs, metas and spaCy's interpolated configs), as an import
/// would produce them, so the reports are tested on real numbers, labels and displaCy markup.
enum SampleRuns {
    static func all() throws -> [Run] {
        let ner = try nerAim()
        return [ner, try variant(of: ner), try spancatJSONL()]
    }

    /// `trainings/ner-aim`: the console log table, both metas, the interpolated config, `ent` renders.
    static func nerAim() throws -> Run {
        let log = try String(contentsOf: Fixture.url("trainings/ner-aim/train.log"), encoding: .utf8)
        var rows: [[Double]] = []
        var inTable = false
        for line in log.split(separator: "\n") {
            if line.hasPrefix("---") { inTable = true; continue }
            guard inTable else { continue }
            let fields = line.split(separator: " ").compactMap { Double($0) }
            guard fields.count == 8 else { break }
            rows.append(fields)
        }
        func series(_ name: String, _ column: Int, scale: Double, context: [String: String] = [:]) -> MetricSeries {
            MetricSeries(name: name, context: context, points: rows.map {
                MetricPoint(step: Int($0[1]), epoch: Int($0[0]), value: $0[column] * scale)
            })
        }
        let renders = try displacy("ent", indices: [0, 1, 2, 3, 5])
        let id = renders.map(\.id)
        return Run(
            hash: "3f2a9c41d7e8b6051c2d4e6f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b",
            experiment: "ner", name: "ner-aim", tags: ["baseline", "cpu"], description: "NER on the Alice corpus.",
            created: Date(timeIntervalSince1970: 1_795_000_000), imported: Date(timeIntervalSince1970: 1_795_003_600),
            hyperparameters: try json("expected/config.trainings.ner-aim.config.json"),
            configText: try String(contentsOf: Fixture.url("trainings/ner-aim/config.cfg"), encoding: .utf8),
            pipeline: ["tok2vec", "ner"], lang: "en", spacyVersion: ">=3.8.18,<3.9.0",
            settings: LoggerSettings(experimentName: "ner", vizPath: "corpus/dev.spacy", modelLogInterval: 200, imageWidth: 600, imageHeight: 200, experimentType: "ner"),
            series: [
                series("loss", 2, scale: 1, context: ["component": "tok2vec"]),
                series("loss", 3, scale: 1, context: ["component": "ner"]),
                series("ents_f", 4, scale: 0.01), series("ents_p", 5, scale: 0.01), series("ents_r", 6, scale: 0.01),
                series("score", 7, scale: 1),
            ],
            finalScores: [try finalScores("trainings/ner-aim/training/model-best/meta.json", "model-best"),
                          try finalScores("trainings/ner-aim/training/model-last/meta.json", "model-last"),
                          try evaluateScores("trainings/ner-aim/evaluate/metrics.json")],
            labels: [ComponentLabels(component: "ner", labels: ["CARDINAL", "DATE", "ORG", "PERSON"])],
            evaluation: try json("trainings/ner-aim/evaluate/metrics.json"),
            datasets: [try dataset()],
            visualisations: [
                Visualisation(step: 200, style: "ent", renderIDs: [id[0], id[1]]),
                Visualisation(step: 400, style: "ent", renderIDs: [id[0], id[2]]),
                Visualisation(step: 600, style: "ent", renderIDs: [id[0], id[3]]),
                Visualisation(step: nil, style: "ent", renderIDs: [id[4]]),
            ],
            renders: renders,
            sources: try sources(["trainings/ner-aim/config.cfg", "trainings/ner-aim/train.log",
                                  "trainings/ner-aim/training/model-best/meta.json", "trainings/ner-aim/training/model-last/meta.json"]),
            warnings: ["corpus/train.spacy: not found under the import root; dataset statistics cover dev only"]
        )
    }

    /// A second run of the `ner` experiment: another seed and learn rate, scores a little apart.
    static func variant(of base: Run) throws -> Run {
        var run = base
        run.hash = "9b1e77c0a4d3f2e1d0c9b8a7968574635241302f1e0d9c8b7a6958473625140f"
        run.name = "ner-aim-lr2"
        run.tags = ["lr"]
        run.created = base.created.addingTimeInterval(7200)
        run.hyperparameters = set(base.hyperparameters, ["training", "optimizer", "learn_rate"], .double(0.002))
        run.hyperparameters = set(run.hyperparameters, ["system", "seed"], .int(1))
        run.series = base.series.map { s in
            var s = s
            s.points = s.points.enumerated().map { i, p in
                let wobble = 1 + 0.03 * Double((i * 7) % 5 - 2)
                return MetricPoint(step: p.step, epoch: p.epoch, value: s.name == "loss" ? p.value * wobble : min(1, p.value * wobble))
            }
            return s
        }
        run.finalScores = base.finalScores.map { f in
            FinalScores(model: f.model, scores: f.scores.map { NamedScore(name: $0.name, value: $0.value.map { $0 * 0.97 }) }, perLabel: f.perLabel)
        }
        run.visualisations = []
        run.renders = []
        run.evaluation = nil
        run.warnings = []
        return run
    }

    /// `trainings/spancat-jsonl`: the JSONL log, metas and config, `span` renders.
    static func spancatJSONL() throws -> Run {
        let text = try String(contentsOf: Fixture.url("trainings/spancat-jsonl/training/log.jsonl"), encoding: .utf8)
        let rows = try text.split(separator: "\n").map { try JSONValue.parse(String($0)) }
        func series(_ name: String, _ path: [String], context: [String: String] = [:]) -> MetricSeries {
            MetricSeries(name: name, context: context, points: rows.compactMap { row in
                guard let step = row["step"]?.doubleValue, let epoch = row["epoch"]?.doubleValue,
                      let v = row.value(atPath: path)?.doubleValue else { return nil }
                return MetricPoint(step: Int(step), epoch: Int(epoch), value: v)
            })
        }
        let renders = try displacy("span", indices: [0, 1, 3])
        return Run(
            hash: "c0ffee5a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccd",
            experiment: "spancat", name: "spancat-jsonl", tags: ["jsonl"],
            created: Date(timeIntervalSince1970: 1_795_100_000), imported: Date(timeIntervalSince1970: 1_795_103_600),
            hyperparameters: try json("expected/config.trainings.spancat-jsonl.config.json"),
            pipeline: ["tok2vec", "spancat"], lang: "en", spacyVersion: ">=3.8.18,<3.9.0",
            settings: LoggerSettings(modelLogInterval: 300, imageWidth: 700, imageHeight: 160, experimentType: "span"),
            series: [
                series("loss", ["losses", "tok2vec"], context: ["component": "tok2vec"]),
                series("loss", ["losses", "spancat"], context: ["component": "spancat"]),
                series("spans_sc_f", ["scores", "spans_sc_f"]), series("spans_sc_p", ["scores", "spans_sc_p"]),
                series("spans_sc_r", ["scores", "spans_sc_r"]), series("score", ["score"]),
            ],
            finalScores: [try finalScores("trainings/spancat-jsonl/training/model-best/meta.json", "model-best"),
                          try finalScores("trainings/spancat-jsonl/training/model-last/meta.json", "model-last")],
            visualisations: [
                Visualisation(step: 300, style: "span", renderIDs: [renders[0].id, renders[1].id]),
                Visualisation(step: 600, style: "span", renderIDs: [renders[0].id, renders[2].id]),
            ],
            renders: renders,
            sources: try sources(["trainings/spancat-jsonl/config.cfg", "trainings/spancat-jsonl/training/log.jsonl"]),
            warnings: []
        )
    }

    static func json(_ path: String) throws -> JSONValue {
        try JSONValue.parse(String(contentsOf: Fixture.url(path), encoding: .utf8))
    }

    /// Markups spaCy rendered for dev docs (`expected/dev.displacy.jsonl`).
    static func displacy(_ style: String, indices: [Int]) throws -> [Render] {
        let lines = try String(contentsOf: Fixture.url("expected/dev.displacy.jsonl"), encoding: .utf8).split(separator: "\n")
        return try indices.map { i in
            let row = try JSONValue.parse(String(lines[i]))
            let markup = row[style]?.stringValue ?? ""
            return Render(id: SHA256.hex(markup.utf8), style: style, markup: markup)
        }
    }

    static func finalScores(_ path: String, _ model: String) throws -> FinalScores {
        guard case .object(let performance)? = try json(path)["performance"] else { return FinalScores(model: model) }
        var scores: [NamedScore] = []
        var tables: [ScoreTable] = []
        for (key, value) in performance {
            switch value {
            case .object(let rows):
                tables.append(ScoreTable(name: key, rows: rows.map { label, metrics in
                    guard case .object(let m) = metrics else { return ScoreRow(label: label, metrics: []) }
                    return ScoreRow(label: label, metrics: m.map { NamedScore(name: $0.key, value: $0.value.doubleValue) })
                }))
            default:
                scores.append(NamedScore(name: key, value: value.doubleValue))
            }
        }
        return FinalScores(model: model, scores: scores, perLabel: tables)
    }

    /// `spacy evaluate --output` as the import keeps it: one more set of final scores, named `evaluate`.
    static func evaluateScores(_ path: String) throws -> FinalScores {
        guard case .object(let members) = try json(path) else { return FinalScores(model: "evaluate") }
        var scores: [NamedScore] = []
        var tables: [ScoreTable] = []
        for (key, value) in members {
            switch value {
            case .object(let rows):
                tables.append(ScoreTable(name: key, rows: rows.map { label, metrics in
                    guard case .object(let m) = metrics else { return ScoreRow(label: label, metrics: []) }
                    return ScoreRow(label: label, metrics: m.map { NamedScore(name: $0.key, value: $0.value.doubleValue) })
                }))
            case .int, .double, .null:
                scores.append(NamedScore(name: key, value: value.doubleValue))
            default:
                continue
            }
        }
        return FinalScores(model: "evaluate", scores: scores, perLabel: tables)
    }

    /// Counts of `expected/dev.docs.jsonl` (spaCy's own reading of `corpus/dev.spacy`).
    static func dataset() throws -> DatasetStatistics {
        let lines = try String(contentsOf: Fixture.url("expected/dev.docs.jsonl"), encoding: .utf8).split(separator: "\n")
        var tokens = 0, sentences = 0
        var entities: [String: Int] = [:], spans: [String: Int] = [:], cats: [String: Int] = [:]
        for line in lines {
            let doc = try JSONValue.parse(String(line))
            if case .array(let t)? = doc["tokens"] { tokens += t.count }
            if case .array(let ss)? = doc["sents"] { sentences += ss.count }
            if case .array(let ents)? = doc["ents"] {
                for e in ents { if let label = e["label"]?.stringValue { entities[label, default: 0] += 1 } }
            }
            if case .object(let groups)? = doc["spans"] {
                for (group, value) in groups {
                    guard case .array(let items) = value else { continue }
                    for span in items { if let label = span["label"]?.stringValue { spans["\(group)/\(label)", default: 0] += 1 } }
                }
            }
            if case .object(let scores)? = doc["cats"] {
                for (label, score) in scores where (score.doubleValue ?? 0) >= 0.5 { cats[label, default: 0] += 1 }
            }
        }
        func sorted(_ d: [String: Int]) -> [LabelCount] {
            d.map { LabelCount(label: $0.key, count: $0.value) }.sorted { ($1.count, $0.label) < ($0.count, $1.label) }
        }
        return DatasetStatistics(role: "dev", path: "corpus/dev.spacy", docs: lines.count, tokens: tokens, sentences: sentences,
                                 entityLabels: sorted(entities), spanLabels: sorted(spans), catLabels: sorted(cats))
    }

    static func sources(_ paths: [String]) throws -> [SourceFile] {
        try paths.map { path in
            let bytes = try Fixture.data(path)
            let role = path.hasSuffix(".cfg") ? "config" : path.hasSuffix("meta.json") ? (path.contains("best") ? "meta-best" : "meta-last")
                : path.hasSuffix(".jsonl") ? "log-jsonl" : "log"
            return SourceFile(path: path, size: bytes.count, sha256: SHA256.hex(Array(bytes)), role: role)
        }
    }

    /// Sets a value at a path of object keys, creating nothing that is missing.
    static func set(_ value: JSONValue, _ path: [String], _ new: JSONValue) -> JSONValue {
        guard let key = path.first else { return new }
        guard case .object(let members) = value else { return value }
        return .object(members.map { $0.key == key ? ($0.key, set($0.value, Array(path.dropFirst()), new)) : $0 })
    }
}
