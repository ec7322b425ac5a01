import AimSpacyDecoding
import AimSpacyModel
import Foundation

/// The DocBin decoder as `DisplacyRun` reads with it: a `.spacy` file mapped once, docs decoded on demand.
public enum DisplacyDocBin {
    /// Opens `path` and decodes its top level; each doc is decoded when asked for.
    public static func open(_ path: String) throws(PipelineError) -> DisplacyDocSource {
        try open(path, limits: InflateLimits())
    }

    /// `open(_:)` with the DocBin's inflate limits (`--max-inflated-size`).
    public static func open(_ path: String, limits: InflateLimits) throws(PipelineError) -> DisplacyDocSource {
        let docBin: DocBin
        do {
            docBin = try DocBinFile.open(path, limits: limits)
        } catch let error as PipelineError {
            throw error
        } catch let error as DecodingError {
            throw PipelineError(error.description)
        } catch {
            throw PipelineError("\(path): error: \(error)")
        }
        return DisplacyDocSource(count: docBin.count) { (index) throws(PipelineError) -> Doc in
            do throws(DecodingError) {
                return try docBin.doc(at: index)
            } catch {
                throw PipelineError(error.inFile(path).description)
            }
        }
    }
}
