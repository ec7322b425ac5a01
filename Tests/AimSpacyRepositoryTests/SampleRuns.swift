import AimSpacyModel
import AimSpacyRepository
import Foundation

/// Realistic runs built in code: an NER training as `spacy train` logs it with the ConsoleLogger
/// columns (E, #, LOSS TOK2VEC, LOSS NER, ENTS_F, ENTS_P, ENTS_R, SCORE), saved pipelines' scores,
/// corpora statistics and displaCy renders every `model_log_interval` steps.
enum SampleRuns {
    /// A run whose values vary with `seed`; its sources are stored in `repository` first, as an import does.
    static func ner(
        seed: Int = 0, name: String = "ner-training", experiment: String? = "ner", learnRate: Double = 0.001,
        tags: [String] = [], repository: (any RunStore)? = nil
    ) throws -> Run {
        let steps = Array(stride(from: 0, through: 2200, by: 200))
        func curve(_ base: Double, _ gain: Double) -> [MetricPoint] {
            steps.enumerated().map { index, step in
                MetricPoint(step: step, epoch: step / 400, value: base + gain * (1 - 1 / Double(index + 1)) + Double(seed % 7) * 0.001)
            }
        }
        let lossNER = steps.enumerated().map { index, step in
            MetricPoint(step: step, epoch: step / 400, value: index == 0 ? 71.46666622161865 : 1500 / Double(index) + Double(seed))
        }
        let lossTok2vec = steps.enumerated().map { index, step in
            MetricPoint(step: step, epoch: step / 400, value: index == 0 ? 0.0 : 80.34 / Double(index))
        }
        let entsF = curve(0.05, 0.71)
        let series = [
            MetricSeries(name: "loss", context: ["component": "tok2vec"], points: lossTok2vec),
            MetricSeries(name: "loss", context: ["component": "ner"], points: lossNER),
            MetricSeries(name: "ents_f", points: entsF),
            MetricSeries(name: "ents_p", points: curve(0.1, 0.65)),
            MetricSeries(name: "ents_r", points: curve(0.02, 0.74)),
            MetricSeries(name: "score", points: entsF),
            MetricSeries(name: "speed", points: steps.map { MetricPoint(step: $0, epoch: $0 / 400, value: 12034.5 + Double($0)) }),
        ]
        let hyperparameters = JSONValue.object([
            ("paths", .object([("train", .string("corpus/train.spacy")), ("dev", .string("corpus/dev.spacy")), ("vectors", .null)])),
            ("system", .object([("gpu_allocator", .null), ("seed", .int(seed))])),
            ("nlp", .object([("lang", .string("en")), ("pipeline", .array([.string("tok2vec"), .string("ner")])), ("batch_size", .int(1000))])),
            ("training", .object([
                ("dropout", .double(0.1)),
                ("max_steps", .int(20000)),
                ("patience", .int(1600)),
                ("eval_frequency", .int(200)),
                ("optimizer", .object([
                    ("@optimizers", .string("Adam.v1")), ("beta1", .double(0.9)), ("beta2", .double(0.999)),
                    ("L2_is_weight_decay", .bool(true)), ("L2", .double(0.01)), ("grad_clip", .double(1.0)),
                    ("eps", .double(1e-08)), ("learn_rate", .double(learnRate)),
                ])),
                ("score_weights", .object([("ents_f", .double(1.0)), ("ents_p", .double(0.0)), ("ents_r", .double(0.0)), ("ents_per_type", .null)])),
                ("logger", .object([("@loggers", .string("spacy.AimLogger.v1")), ("repo", .string("./aim")), ("experiment_name", .string("ner"))])),
            ])),
        ])
        let perType = ScoreTable(name: "ents_per_type", rows: [
            ScoreRow(label: "ORG", metrics: [NamedScore(name: "p", value: 0.8125), NamedScore(name: "r", value: 0.7428571429), NamedScore(name: "f", value: 0.7761194030)]),
            ScoreRow(label: "PERSON", metrics: [NamedScore(name: "p", value: 0.9), NamedScore(name: "r", value: 0.857142857142857), NamedScore(name: "f", value: 0.878048780487805)]),
            ScoreRow(label: "GPE", metrics: [NamedScore(name: "p", value: 1.0), NamedScore(name: "r", value: 0.5), NamedScore(name: "f", value: 2.0 / 3.0)]),
        ])
        let best = FinalScores(model: "model-best", scores: [
            NamedScore(name: "token_acc", value: 1.0), NamedScore(name: "token_p", value: 1.0),
            NamedScore(name: "ents_f", value: entsF.map(\.value).max()), NamedScore(name: "ents_p", value: 0.7611),
            NamedScore(name: "ents_r", value: 0.74), NamedScore(name: "speed", value: 13044.281), NamedScore(name: "sents_f", value: nil),
        ], perLabel: [perType])
        let last = FinalScores(model: "model-last", scores: [
            NamedScore(name: "ents_f", value: entsF.last?.value), NamedScore(name: "ents_p", value: 0.6998),
        ], perLabel: [ScoreTable(name: "ents_per_type", rows: [])])
        let renders = (0..<3).map { doc in
            let markup = "<div class=\"entities\" style=\"line-height: 2.5; direction: ltr\">Doc \(doc) of seed \(seed % 2)\n<mark class=\"entity\">Apple<span>ORG</span></mark></div>"
            return Render(id: SHA256.hex(Array(markup.utf8)), style: "ent", markup: markup)
        }
        let visualisations = [400, 800, 1200].map { step in
            Visualisation(step: step, style: "ent", renderIDs: renders.map(\.id))
        } + [Visualisation(step: nil, style: "ent", renderIDs: [renders[0].id]), Visualisation(step: 1600, style: "ent", renderIDs: [])]
        var sources: [SourceFile] = []
        let files = [
            ("config.cfg", "config", "[paths]\ntrain = \"corpus/train.spacy\"\n[system]\nseed = \(seed)\n"),
            ("training/train.log", "log", "ℹ Pipeline: ['tok2vec', 'ner']\nE    #       LOSS TOK2VEC  LOSS NER  ENTS_F\n\(seed)\n"),
            ("training/model-best/meta.json", "meta-best", "{\"lang\": \"en\", \"name\": \"pipeline\", \"seed\": \(seed)}"),
        ]
        for (path, role, text) in files {
            let data = Data(text.utf8)
            let sha = try repository?.storeObject(data: data) ?? SHA256.hex(Array(data))
            sources.append(SourceFile(path: path, size: data.count, sha256: sha, role: role))
        }
        return Run(
            hash: SHA256.hex(Array("run \(seed) \(name)".utf8)), experiment: experiment, name: name, tags: tags,
            description: "NER on the fixture corpus, seed \(seed)",
            created: Date(timeIntervalSince1970: 1_764_200_000.123 + Double(seed) * 3600),
            imported: Date(timeIntervalSince1970: 1_764_300_000.5 + Double(seed)),
            complete: seed % 5 != 4, hyperparameters: hyperparameters,
            configText: "[paths]\ntrain = \"corpus/train.spacy\"\ndev = \"corpus/dev.spacy\"\n\n[system]\nseed = \(seed)\n",
            pipeline: ["tok2vec", "ner"], lang: "en", spacyVersion: ">=3.8.18,<3.9.0",
            settings: LoggerSettings(repo: "./aim", experimentName: experiment, vizPath: "corpus/dev.spacy", modelLogInterval: 400, imageWidth: 800, imageHeight: 250, experimentType: "ner"),
            series: series, finalScores: [best, last],
            labels: [ComponentLabels(component: "tok2vec", labels: []), ComponentLabels(component: "ner", labels: ["GPE", "ORG", "PERSON"])],
            evaluation: .object([("ents_f", .double(0.7234)), ("ents_per_type", .object([("ORG", .object([("p", .double(0.5)), ("r", .int(1)), ("f", .double(2.0 / 3.0))]))])), ("speed", .double(.nan))]),
            datasets: [
                DatasetStatistics(role: "train", path: "corpus/train.spacy", docs: 120, tokens: 2513, sentences: 131,
                                  entityLabels: [LabelCount(label: "ORG", count: 97), LabelCount(label: "PERSON", count: 41)],
                                  spanLabels: [LabelCount(label: "sc/ORG", count: 12)], catLabels: []),
                DatasetStatistics(role: "dev", path: "corpus/dev.spacy", docs: 30, tokens: 611, sentences: 33),
            ],
            visualisations: visualisations, renders: renders, sources: sources,
            warnings: seed % 5 == 4 ? ["training interrupted after step 2200"] : []
        )
    }
}
