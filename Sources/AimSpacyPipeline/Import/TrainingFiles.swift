import AimSpacyDecoding
import AimSpacyModel
import Foundation
import Synchronization

/// One training's files, recognised by content and decoded: what `RunAssembly` builds a run from.
struct TrainingFiles: Sendable {
    /// A source file with its location on disk.
    struct Located: Sendable {
        var url: URL
        var source: SourceFile
    }

    var root: URL
    var sources: [Located] = []
    /// The config the run is described by: model-last's, else model-best's, else one beside the log.
    var config: SpacyConfig?
    var configText = ""
    var consoleLogs: [(path: String, log: TrainingLog)] = []
    var jsonlLogs: [(path: String, log: TrainingLog)] = []
    var metaBest: PipelineMeta?
    var metaLast: PipelineMeta?
    var evaluation: EvaluationMetrics?
    var evaluatePages: [(path: String, page: DisplacyPage)] = []
    var warnings: [String] = []
    /// Logs are decoded once the config is known: its pipeline and score weights resolve cut columns.
    private var pendingLogs: [(path: String, data: Data, format: TrainingLogFormat)] = []
    /// `.cfg` files of other names (a project's `configs/ner.cfg`): the config only when no
    /// `config.cfg` was found and there is exactly one of them.
    private var otherConfigs: [(path: String, data: Data)] = []

    /// Largest file read in whole to recognise it; larger files are never logs or configs.
    static let largestTextFile = 512 << 20

    /// Reads every candidate file, keeps the ones that belong to a training and decodes them.
    /// - Throws: `DecodingError` (stamped with the file) for a file that is recognised but broken,
    ///   `PipelineError` for an explicitly named file that is no training file at all.
    static func read(_ candidate: TrainingDiscovery.Candidate) throws -> TrainingFiles {
        var files = TrainingFiles(root: candidate.root)
        var configs: [String: (text: String, config: SpacyConfig, depth: Int)] = [:]
        /// Sources whose sha256 is computed at the end, beside the logs' decoding.
        var unhashed: [(index: Int, data: Data)] = []
        for path in candidate.files {
            let url = candidate.root.appendingPathComponent(path)
            let name = url.lastPathComponent
            let parent = url.deletingLastPathComponent().lastPathComponent
            let inModel = parent == "model-best" || parent == "model-last"
            let data: Data
            do {
                if let problem = RegularFile.problem(at: url.path) { throw PipelineError("\(url.path): \(problem)") }
                let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
                if !name.hasSuffix(".spacy"), let refusal = LogSizeLimit.refusal(url, size: size) { throw refusal }
                if size > largestTextFile || name.hasSuffix(".spacy") {
                    if candidate.explicitFiles { throw PipelineError("\(url.path): not a training file (a log, config.cfg, meta.json or evaluate output)") }
                    continue
                }
                data = try Data(contentsOf: url, options: .alwaysMapped)
            } catch let error as PipelineError {
                throw error
            } catch {
                throw PipelineError("\(url.path): cannot read the file (\(error.localizedDescription))")
            }
            let role: String?
            do {
                role = try files.decode(
                    data, path: path, name: name, parent: parent, inModel: inModel,
                    explicit: candidate.explicitFiles, configs: &configs
                )
            } catch let error as DecodingError {
                throw error.inFile(url.path)
            }
            guard let role else {
                if candidate.explicitFiles {
                    throw PipelineError("\(url.path): not a training file: expected a console log, a ConsoleLogger JSONL log, config.cfg, meta.json or spacy evaluate output")
                }
                continue
            }
            unhashed.append((files.sources.count, data))
            files.sources.append(Located(
                url: url, source: SourceFile(path: path, size: data.count, sha256: "", role: role)
            ))
        }
        if configs.isEmpty, files.otherConfigs.count == 1, let (path, data) = files.otherConfigs.first {
            let url = candidate.root.appendingPathComponent(path)
            do {
                let config = try data.withUnsafeBytes { raw throws(DecodingError) in
                    try SpacyConfig(Config.parse(raw, interpolate: true, newlines: .universal))
                }
                configs["config"] = (String(decoding: data, as: UTF8.self), config, 0)
                files.sources.append(Located(
                    url: url, source: SourceFile(path: path, size: data.count, sha256: SHA256.hex(data), role: "config")
                ))
            } catch let error as DecodingError {
                throw error.inFile(url.path)
            }
        } else if configs.isEmpty, files.otherConfigs.count > 1 {
            files.warnings.append(
                "no config.cfg and several configs (\(files.otherConfigs.map(\.path).joined(separator: ", "))): none was used")
        }
        let chosen = configs["config-last"] ?? configs["config-best"] ?? configs["config"]
        files.config = chosen?.config
        files.configText = chosen?.text ?? ""
        let columns = files.config.map(ConfigColumns.init)
        let logs = files.pendingLogs
        let hashes = unhashed
        let decoded = Mutex<[Int: Result<TrainingLog, DecodingError>]>([:])
        let digests = Mutex<[Int: String]>([:])
        // Decoding the logs and hashing the files are independent: they share the cores, longest first.
        DispatchQueue.concurrentPerform(iterations: logs.count + hashes.count) { job in
            guard job < logs.count else {
                let (index, data) = hashes[job - logs.count]
                let digest = SHA256.hex(data)
                digests.withLock { $0[index] = digest }
                return
            }
            let (_, data, format) = logs[job]
            let result: Result<TrainingLog, DecodingError> = data.withUnsafeBytes { raw in
                Result { () throws(DecodingError) in
                    switch format {
                    case .console: try ConsoleLog.parse(raw, pipeline: columns?.pipeline, scoreWeights: columns?.scoreWeights)
                    case .jsonl: try ConsoleLogJSONL.parse(raw, pipeline: columns?.pipeline)
                    }
                }
            }
            decoded.withLock { $0[job] = result }
        }
        for (index, digest) in digests.withLock({ $0 }) { files.sources[index].source.sha256 = digest }
        let results = decoded.withLock { $0 }
        for (job, (path, _, format)) in logs.enumerated() {
            do {
                guard let result = results[job] else { throw PipelineError("\(path): not decoded") }
                let log = try result.get()
                if format == .console { files.consoleLogs.append((path, log)) } else { files.jsonlLogs.append((path, log)) }
            } catch let error as DecodingError {
                throw error.inFile(candidate.root.appendingPathComponent(path).path)
            }
        }
        files.pendingLogs = []
        return files
    }

    /// Decodes one file; returns its role, or `nil` when it is not part of a training.
    private mutating func decode(
        _ data: Data, path: String, name: String, parent: String, inModel: Bool, explicit: Bool,
        configs: inout [String: (text: String, config: SpacyConfig, depth: Int)]
    ) throws -> String? {
        if inModel && name == "meta.json" {
            let meta = try data.withUnsafeBytes { raw throws(DecodingError) in try PipelineMetaDecoder.decode(raw) }
            if parent == "model-best" { metaBest = meta } else { metaLast = meta }
            return parent == "model-best" ? "meta-best" : "meta-last"
        }
        if name.hasSuffix(".cfg") {
            if !inModel && name != "config.cfg" && !explicit {
                otherConfigs.append((path, data))
                return nil
            }
            let text = String(decoding: data, as: UTF8.self)
            let config = try data.withUnsafeBytes { raw throws(DecodingError) in
                try SpacyConfig(Config.parse(raw, interpolate: true, newlines: .universal))
            }
            let role = inModel ? (parent == "model-best" ? "config-best" : "config-last") : "config"
            let depth = path.split(separator: "/").count
            if let kept = configs[role], role == "config", kept.depth <= depth { return role }
            configs[role] = (text, config, depth)
            return role
        }
        if name.hasSuffix(".html") || name.hasSuffix(".htm") {
            guard Self.looksLikeDisplacy(data) else { return nil }
            let page = try data.withUnsafeBytes { raw throws(DecodingError) in try DisplacyPageDecoder.decode(raw) }
            evaluatePages.append((path, page))
            return "evaluate-html"
        }
        let format = data.withUnsafeBytes { raw in TrainingLogFormat.detect(raw) }
        switch format {
        case .console:
            pendingLogs.append((path, data, .console))
            return "log"
        case .jsonl:
            pendingLogs.append((path, data, .jsonl))
            return "log-jsonl"
        case nil:
            break
        }
        if name.hasSuffix(".json"), Self.looksLikeEvaluateMetrics(data) {
            evaluation = try data.withUnsafeBytes { raw throws(DecodingError) in try EvaluationMetricsDecoder.decode(raw) }
            return "evaluate-metrics"
        }
        if name.hasSuffix(".json"), Self.isEvaluateOutputName(path) {
            let syntax: JSONSyntaxError? = data.withUnsafeBytes { raw in
                do throws(JSONSyntaxError) {
                    _ = try JSONValue.parse(raw)
                    return nil
                } catch {
                    return error
                }
            }
            if let syntax {
                warnings.append("\(path):\(syntax.line):\(syntax.column): expected \(syntax.expected): not read as spacy evaluate output")
            }
        }
        return nil
    }

    /// A page `spacy evaluate --displacy-path` (or `displacy.serve`/`render(page=True)`) wrote.
    static func looksLikeDisplacy(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(1 << 16), as: UTF8.self)
        return head.contains("displaCy") || head.contains("class=\"entities\"") || head.contains("class=\"spans\"")
            || head.contains("class=\"displacy\"")
    }

    /// Where `spacy evaluate --output` is written by convention (`evaluate/metrics.json`, `metrics.json`,
    /// `*metrics*.json`, any JSON in an `evaluate/` folder): a broken one there is worth a warning.
    static func isEvaluateOutputName(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return parts.last?.contains("metrics") == true || parts.dropLast().last == "evaluate"
    }

    /// The `--output` JSON of `spacy evaluate`: an object of scores (`token_acc`, `speed`, `*_f`…).
    static func looksLikeEvaluateMetrics(_ data: Data) -> Bool {
        guard let value = try? data.withUnsafeBytes({ raw in try JSONValue.parse(raw) }),
            case .object(let members) = value
        else { return false }
        let keys = Set(members.map(\.key))
        if keys.contains("lang") && keys.contains("pipeline") { return false }
        return keys.contains("token_acc") || keys.contains("speed")
            || keys.contains { $0.hasSuffix("_f") || $0.hasSuffix("_acc") || $0.hasSuffix("_score") }
    }
}
