import AimSpacyModel
import AimSpacyTestSupport
import Foundation

/// Runs with random series, scores and awkward names (slashes, dots, non-ASCII, duplicates), for
/// exports read back by the real tools.
enum RandomRuns {
    static let awkward = ["PERSON", "B/I", "Straße", "a.b", "x y", "@weird!", "", "日本", ".."]

    /// Run `index` of a set; `steps` rows (random when `nil`); `longValue` adds a config value longer
    /// than MLflow keeps.
    static func make(index: Int, using generator: inout SplitMix64, steps: Int? = nil, longValue: Bool = false) -> Run {
        let steps = steps ?? Int.random(in: 1...60, using: &generator)
        func points(scale: Double) -> [MetricPoint] {
            (0..<steps).map { row in
                MetricPoint(step: row * 200, epoch: row / 10, value: Double.random(in: 0...1, using: &generator) * scale)
            }
        }
        let series = [
            MetricSeries(name: "loss", context: ["component": "ner"], points: points(scale: 1e4)),
            MetricSeries(name: "loss", context: ["component": awkward[index % awkward.count]], points: points(scale: 3)),
            MetricSeries(name: "ents_f", points: points(scale: 1)),
            MetricSeries(name: "score", points: points(scale: 1)),
        ]
        let rows = awkward.map { label in
            ScoreRow(label: label, metrics: ["p", "r", "f"].map { NamedScore(name: $0, value: Double.random(in: 0...1, using: &generator)) })
        }
        let finals = FinalScores(
            model: "model-best",
            scores: [NamedScore(name: "ents_f", value: 0.5 + Double(index) / 100), NamedScore(name: "speed", value: 1234.5), NamedScore(name: "cats", value: nil)],
            perLabel: [ScoreTable(name: "ents_per_type", rows: rows)]
        )
        let config = JSONValue.object([
            ("training", .object([
                ("optimizer", .object([("@optimizers", .string("Adam.v1")), ("learn_rate", .double(0.001 * Double(index + 1)))])),
                ("max_steps", .int(20000)), ("dropout", .double(0.1)), ("frozen_components", .array([])),
            ])),
            ("nlp", .object([("lang", .string("en")), ("pipeline", .array([.string("tok2vec"), .string("ner")])), ("disabled", .array([]))])),
            ("system", .object([("use_pytorch_for_gpu_memory", .bool(index % 2 == 0)), ("seed", .int(index)), ("gpu", .null)])),
            ("empty", .object([])),
            ("paths", .object([("long", .string(longValue ? String(repeating: "ab→", count: 2500) : "short"))])),
        ])
        return Run(
            hash: String(format: "%016llx%08llx", generator.next(), generator.next() >> 32),
            experiment: index == 3 ? nil : "exp/\(index % 2)",
            name: index % 2 == 0 ? "same name" : "run \(awkward[index % awkward.count])",
            tags: ["t\(index)"],
            created: Date(timeIntervalSince1970: 1_700_000_000 + Double(index) * 3600.25),
            imported: Date(timeIntervalSince1970: 1_800_000_000),
            complete: index != 2,
            hyperparameters: config,
            configText: "[training]\nmax_steps = 20000\n# run \(index)\n",
            pipeline: ["tok2vec", "ner"], lang: "en", spacyVersion: ">=3.8.18,<3.9.0",
            series: series, finalScores: [finals]
        )
    }
}
