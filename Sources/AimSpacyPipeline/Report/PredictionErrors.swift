import AimSpacyDecoding
import AimSpacyDisplacy
import AimSpacyModel
import AimSpacyReport
import AimSpacyRepository
import AimSpacyScoring
import Foundation

/// The Errors pages' input: for each prediction set of each run, its gold and predicted DocBins read back from the
/// repository's object store, scored with the run's stored model config and meta, classified by the error analysis
/// and rendered side by side with displaCy. What cannot be read says so in its report instead of failing the report.
public enum PredictionErrors {
    /// The error reports of `runs` by run hash, from the repository at `repository` (as `--repo`).
    public static func load(runs: [Run], repository: String?) throws(PipelineError) -> [String: [ErrorReport]] {
        guard runs.contains(where: { !$0.predictions.isEmpty }) else { return [:] }
        return reports(for: runs, store: try RunCommands.openRepository(repository))
    }

    /// The error reports of `runs` by run hash, reading the objects from `store`; at most `docLimit` docs of each
    /// prediction set are rendered, worst first.
    public static func reports(
        for runs: [Run], store: any RunStore, docLimit: Int = ErrorDocs.renderLimit
    ) -> [String: [ErrorReport]] {
        var out: [String: [ErrorReport]] = [:]
        for run in runs where !run.predictions.isEmpty {
            out[run.hash] = run.predictions.map { report($0, run: run, store: store, docLimit: docLimit) }
        }
        return out
    }

    /// One prediction set's report; `unavailable` names what could not be read or scored.
    public static func report(
        _ set: PredictionSet, run: Run, store: any RunStore, docLimit: Int = ErrorDocs.renderLimit
    ) -> ErrorReport {
        let shown = ErrorReport(
            model: set.model, gold: SharedPath.shown(set.gold), predicted: SharedPath.shown(set.predicted), docCount: set.docs)
        do {
            let pipeline = try ScoringPipeline.load(run: run, model: set.model, store: store)
            let gold = try docBin(set.goldSHA256, what: "the gold DocBin \(shown.gold)", store: store)
            let predicted = try docBin(set.predictedSHA256, what: "the predicted DocBin \(shown.predicted)", store: store)
            let pairs = PairedDocBins(gold: gold, predicted: predicted, goldFile: shown.gold, predictedFile: shown.predicted)
            var worst = ErrorDocs.Worst(limit: docLimit)
            let analysis = try pairs.errors(with: pipeline) { worst.offer(index: $0, example: $1, errors: $2) }
            var report = shown
            ErrorTables.fill(&report, analysis: analysis, scores: set.scores)
            report.docs = try ErrorDocs.docs(worst, pipeline: pipeline, lang: run.lang.isEmpty ? "en" : run.lang)
            report.docsLeftOut = analysis.docErrors.count - report.docs.count
            return report
        } catch let error as ScoringError {
            var report = shown
            report.unavailable = error.description
            return report
        } catch let error as PipelineError {
            var report = shown
            report.unavailable = error.message
            return report
        } catch {
            var report = shown
            report.unavailable = "\(error)"
            return report
        }
    }

    /// An object of the store decoded as a DocBin.
    static func docBin(_ sha256: String, what: String, store: any RunStore) throws(PipelineError) -> DocBin {
        let data = try object(sha256, what: what, store: store)
        do {
            return try data.withUnsafeBytes { raw in try DocBin(bytes: raw) }
        } catch let error as DecodingError {
            throw PipelineError(error.inFile(what).description)
        } catch {
            throw PipelineError("\(what): \(error)")
        }
    }

    /// An object's bytes; a missing object is named.
    static func object(_ sha256: String, what: String, store: any RunStore) throws(PipelineError) -> Data {
        var data = Data()
        let present: Bool
        do { present = try store.containsObject(sha256) } catch { throw PipelineError("\(what): \(error.message)") }
        guard present else {
            throw PipelineError("\(what) (sha256 \(sha256.prefix(12))) is not in the repository; the run was copied or imported without it")
        }
        do { try store.readObject(sha256) { data.append($0) } } catch { throw PipelineError("\(what): \(error.message)") }
        return data
    }
}

extension ScoringPipeline {
    /// The scorers of a run's saved model (`model-best`, `model-last`), from the `config-*` and `meta-*` sources the
    /// run keeps in the object store (the training config when the model folder's own is missing).
    static func load(run: Run, model: String, store: any RunStore) throws(PipelineError) -> ScoringPipeline {
        let suffix = model.hasPrefix("model-") ? String(model.dropFirst("model-".count)) : model
        let roles = Dictionary(run.sources.map { ($0.role, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        guard let metaSHA = roles["meta-\(suffix)"] else {
            throw PipelineError("the run keeps no meta.json of \(model), which holds the labels that score the predictions")
        }
        guard let configSHA = roles["config-\(suffix)"] ?? roles["config"] else {
            throw PipelineError("the run keeps no config.cfg of \(model)")
        }
        let configFile = "\(model)/config.cfg", metaFile = "\(model)/meta.json"
        let configData = try PredictionErrors.object(configSHA, what: configFile, store: store)
        let metaData = try PredictionErrors.object(metaSHA, what: metaFile, store: store)
        do {
            let config = try configData.withUnsafeBytes { raw throws(DecodingError) in try Config.parse(raw, newlines: .universal) }
            let meta = try metaData.withUnsafeBytes { raw throws(DecodingError) in try PipelineMetaDecoder.decode(raw) }
            return try ScoringPipeline(config: config.root, meta: meta, configFile: configFile)
        } catch let error as DecodingError {
            throw PipelineError(error.inFile(error.file ?? configFile).description)
        } catch let error as ScoringError {
            throw PipelineError(error.description)
        } catch {
            throw PipelineError("\(model): \(error)")
        }
    }
}
