import AimSpacyDecoding
import AimSpacyDisplacy
import AimSpacyModel
import Foundation

/// Builds a `Run` from a training's decoded files, as `spacy.AimLogger.v1` would have recorded it.
struct RunAssembly {
    let files: TrainingFiles
    let options: ImportOptions
    /// The import time, given so that assembling is deterministic.
    let now: Date

    /// The roles whose content identifies a run. Corpora and `viz_path` docs are left out: they live
    /// outside the training folder, so an archive of the folder must find the same run.
    static let identifyingRoles: Set<String> = [
        "config", "config-best", "config-last", "log", "log-jsonl", "meta-best", "meta-last",
        "evaluate-metrics", "evaluate-html",
    ]

    /// The run and the extra files it read (corpora, viz docs), which the repository stores too.
    func assemble() throws -> (run: Run, extraSources: [TrainingFiles.Located]) {
        var warnings = files.warnings
        let config = files.config
        let hyperparameters = config?.config.root ?? .object([])
        let settings = try LoggerSettings(logger: config?.logger).overridden(by: options)

        let training = chooseTraining(warnings: &warnings)
        let pipeline = config?.pipeline ?? files.metaLast?.pipeline ?? files.metaBest?.pipeline ?? training?.pipeline ?? []
        let lang = config?.lang ?? files.metaLast?.lang ?? files.metaBest?.lang ?? ""
        if files.config == nil { warnings.append("no config.cfg found: hyper-parameters are empty") }
        if training == nil { warnings.append("no training log found: the run has no metric series") }
        let complete = training?.complete ?? (files.metaLast != nil)
        if let training, !training.complete {
            let last = training.rows.last.map { "after step \($0.step)" } ?? "before its first evaluation"
            warnings.append("training interrupted \(last)")
        }

        var finalScores: [FinalScores] = []
        if let meta = files.metaBest { finalScores.append(meta.finalScores(model: "model-best")) }
        if let meta = files.metaLast { finalScores.append(meta.finalScores(model: "model-last")) }
        if let evaluation = files.evaluation { finalScores.append(evaluation.finalScores(model: "evaluate")) }

        var extra: [TrainingFiles.Located] = []
        var corpora = Corpora()
        let datasets = readDatasets(config: config, warnings: &warnings, corpora: &corpora, extra: &extra)
        var renders: [Render] = []
        var visualisations = try trainingVisualisations(
            settings: settings, pipeline: pipeline, lang: lang, steps: training?.rows.map(\.step) ?? [],
            warnings: &warnings, corpora: &corpora, extra: &extra, renders: &renders
        )
        for (_, page) in files.evaluatePages {
            var ids: [String] = []
            for figure in page.figures {
                let render = Render(id: SHA256.hex(Array(figure.markup.utf8)), style: page.style, markup: figure.markup)
                if !renders.contains(where: { $0.id == render.id }) { renders.append(render) }
                ids.append(render.id)
            }
            visualisations.append(Visualisation(step: nil, style: page.style, renderIDs: ids))
        }

        let sources = files.sources.map(\.source)
        let run = Run(
            hash: Self.hash(of: sources),
            experiment: settings.experimentName,
            name: options.name ?? files.root.lastPathComponent,
            tags: options.tags,
            created: created(),
            imported: now,
            complete: complete,
            hyperparameters: hyperparameters,
            configText: files.configText,
            pipeline: pipeline,
            lang: lang,
            spacyVersion: files.metaLast?.spacyVersion ?? files.metaBest?.spacyVersion ?? "",
            settings: settings,
            series: training?.metricSeries ?? [],
            finalScores: finalScores,
            labels: files.metaLast?.labels ?? files.metaBest?.labels ?? [],
            evaluation: files.evaluation?.json,
            datasets: datasets,
            visualisations: visualisations,
            renders: renders,
            sources: (sources + extra.map(\.source)).sorted { ($0.path, $0.role) < ($1.path, $1.role) },
            warnings: warnings
        )
        return (run, extra)
    }

    /// A run's identity: the sha256 of its identifying sources' roles and contents (not their paths),
    /// cut to 24 hex digits as Aim's run hashes are.
    static func hash(of sources: [SourceFile]) -> String {
        let lines = sources.filter { identifyingRoles.contains($0.role) }
            .map { "\($0.role)\t\($0.sha256)\n" }
            .sorted()
        return String(SHA256.hex(Array(lines.joined().utf8)).prefix(24))
    }

    /// The training whose rows make the series: the JSONL log when there is one (it keeps full
    /// precision), else the console log; of several trainings in one log, the last.
    private func chooseTraining(warnings: inout [String]) -> LoggedTraining? {
        let console = files.consoleLogs.last
        let jsonl = files.jsonlLogs.last
        for (path, log) in files.consoleLogs + files.jsonlLogs where log.trainings.count > 1 {
            warnings.append("\(path) holds \(log.trainings.count) trainings; the last one was imported")
        }
        guard var chosen = jsonl?.log.trainings.last ?? console?.log.trainings.last else { return nil }
        if let consoleTraining = console?.log.trainings.last, jsonl != nil {
            chosen.complete = consoleTraining.complete && chosen.complete
            if chosen.pipeline.isEmpty { chosen.pipeline = consoleTraining.pipeline }
        }
        return chosen
    }

    /// When the training happened: the latest modification time of its logs and saved pipelines.
    private func created() -> Date {
        let dates = files.sources.compactMap { located -> Date? in
            try? FileManager.default.attributesOfItem(atPath: located.url.path)[.modificationDate] as? Date
        }
        return dates.max() ?? now
    }

    /// Finds a file the config names: relative to the training root, then to its parent folders
    /// (`spacy train` runs from the project folder that holds `corpus/`).
    func resolve(_ path: String) -> URL? {
        if path.hasPrefix("/") {
            return FileManager.default.fileExists(atPath: path) ? URL(fileURLWithPath: path) : nil
        }
        var folder = files.root.standardizedFileURL
        for _ in 0..<4 {
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path) { return url }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return nil
    }

    /// A path relative to the training root when the file lies below it, else as found.
    func relative(_ url: URL) -> String {
        let root = files.root.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }

    /// A DocBin the config names, read once however many roles it plays (a dev corpus is often
    /// also `viz_path`): decoded and hashed from the same mapped bytes.
    struct Corpora {
        var loaded: [String: (docBin: DocBin, source: SourceFile)] = [:]
    }

    /// The decoded DocBin at `url`, recorded as a source of `role`.
    private func corpus(
        _ url: URL, role: String, corpora: inout Corpora, extra: inout [TrainingFiles.Located]
    ) throws -> DocBin {
        let key = url.standardizedFileURL.path
        let entry: (docBin: DocBin, source: SourceFile)
        if let known = corpora.loaded[key] {
            entry = known
        } else {
            if let problem = RegularFile.problem(at: url.path) { throw PipelineError("\(url.path): \(problem)") }
            let data = try Data(contentsOf: url, options: .alwaysMapped)
            let decoded: Result<DocBin, DecodingError> = data.withUnsafeBytes { raw in
                Result { () throws(DecodingError) in try DocBin(bytes: raw, limits: options.inflateLimits) }
            }
            do {
                entry = (try decoded.get(), SourceFile(path: relative(url), size: data.count, sha256: SHA256.hex(data), role: role))
            } catch {
                throw error.inFile(url.path)
            }
            corpora.loaded[key] = entry
        }
        var source = entry.source
        source.role = role
        extra.append(TrainingFiles.Located(url: url, source: source))
        return entry.docBin
    }

    /// Statistics of each `.spacy` corpus in `[paths]`; a missing one is a warning.
    private func readDatasets(
        config: SpacyConfig?, warnings: inout [String], corpora: inout Corpora, extra: inout [TrainingFiles.Located]
    ) -> [DatasetStatistics] {
        guard let config else { return [] }
        var result: [DatasetStatistics] = []
        for setting in config.paths {
            guard let path = setting.value.stringValue, path.hasSuffix(".spacy") else { continue }
            guard let url = resolve(path) else {
                warnings.append("corpus \(path) named by the config (paths.\(setting.key)) is missing")
                continue
            }
            do {
                let docBin = try corpus(url, role: "corpus", corpora: &corpora, extra: &extra)
                let counts: DocBinCounts
                do throws(DecodingError) { counts = try docBin.counts() } catch { throw error.inFile(url.path) }
                result.append(DatasetStatistics(
                    role: setting.key, path: relative(url), docs: counts.docs, tokens: counts.tokens,
                    sentences: counts.sentences,
                    entityLabels: Self.labelCounts(counts.entities),
                    spanLabels: Self.labelCounts(counts.spans.flatMap { group, labels in
                        labels.map { ("\(group)/\($0.key)", $0.value) }
                    }),
                    catLabels: Self.labelCounts(counts.cats.map { ($0.key, $0.value.positive) })
                ))
            } catch {
                warnings.append("corpus \(relative(url)) could not be read: \(error)")
            }
        }
        return result
    }

    private static func labelCounts(_ pairs: some Sequence<(String, Int)>) -> [LabelCount] {
        pairs.map { LabelCount(label: $0.0, count: $0.1) }
            .sorted { ($1.count, $0.label) < ($0.count, $1.label) }
    }

    private static func labelCounts(_ dictionary: [String: Int]) -> [LabelCount] {
        labelCounts(dictionary.map { ($0.key, $0.value) })
    }

    /// The renders `spacy.AimLogger.v1` tracks: at every logged step `s` with `s % model_log_interval
    /// == 0` and `s != 0`, the first `--viz-docs` docs of `viz_path` in the experiment's style.
    private func trainingVisualisations(
        settings: LoggerSettings, pipeline: [String], lang: String, steps: [Int], warnings: inout [String],
        corpora: inout Corpora, extra: inout [TrainingFiles.Located], renders: inout [Render]
    ) throws -> [Visualisation] {
        guard let interval = settings.modelLogInterval else { return [] }
        guard let vizPath = settings.vizPath else {
            warnings.append("model_log_interval is set but viz_path is not: no visualisations")
            return []
        }
        guard let styleName = settings.displacyStyle(pipeline: pipeline), let style = DisplacyStyle(rawValue: styleName)
        else {
            warnings.append("no displaCy style for experiment_type \(settings.experimentType ?? "(none)") and pipeline \(pipeline)")
            return []
        }
        let sampled = steps.filter { $0 % interval == 0 && $0 != 0 }
        guard !sampled.isEmpty else { return [] }
        guard let url = resolve(vizPath) else {
            warnings.append("viz_path \(vizPath) is missing: no visualisations")
            return []
        }
        let docBin = try corpus(url, role: "viz", corpora: &corpora, extra: &extra)
        var options = DisplacyOptions()
        if let logged = files.config?.logger?.settings["options"], case .object = logged {
            options = (try? DisplacyOptions(json: logged)) ?? DisplacyOptions()
        }
        if style == .span && options["spans_key"] == nil { options = DisplacyOptions(options.values + [("spans_key", .string("sc"))]) }
        var ids: [String] = []
        for index in 0..<min(max(0, self.options.vizDocs), docBin.count) {
            let doc: Doc
            do {
                doc = try docBin.doc(at: index, spanGroupsMade: style == .span ? .named(options.spansKey) : .none)
            } catch {
                throw error.inFile(url.path)
            }
            let markup = try Displacy.render([doc], style: style, lang: lang.isEmpty ? "en" : lang, options: options, escaping: .safe)
            let render = Render(id: SHA256.hex(Array(markup.utf8)), style: style.rawValue, markup: markup)
            if !renders.contains(where: { $0.id == render.id }) { renders.append(render) }
            ids.append(render.id)
        }
        return sampled.map { Visualisation(step: $0, style: style.rawValue, renderIDs: ids) }
    }
}
