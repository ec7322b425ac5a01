#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AimSpacyDecoding
import AimSpacyModel

extension ScoringPipeline {
    /// The scorers of the trained pipeline in `model` (a `model-best`/`model-last` folder): its `config.cfg` and
    /// `meta.json`; the weights are not read.
    public static func load(model: String) throws(ScoringError) -> ScoringPipeline {
        let configPath = model.hasSuffix("/") ? model + "config.cfg" : model + "/config.cfg"
        let metaPath = model.hasSuffix("/") ? model + "meta.json" : model + "/meta.json"
        let config: Config
        do { config = try Config.load(contentsOf: URL(fileURLWithPath: configPath)) } catch {
            throw ScoringError(error, file: configPath)
        }
        let bytes: Data
        do { bytes = try Data(contentsOf: URL(fileURLWithPath: metaPath)) } catch {
            throw ScoringError(file: metaPath, "cannot read the file (\(error))")
        }
        let meta: PipelineMeta
        do { meta = try PipelineMetaDecoder.decode([UInt8](bytes)) } catch { throw ScoringError(error, file: metaPath) }
        return try ScoringPipeline(config: config.root, meta: meta, configFile: configPath)
    }
}
