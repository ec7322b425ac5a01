import AimSpacyDisplacy
import AimSpacyDecoding
import AimSpacyModel
import Foundation

/// The DocBin decoder as `DisplacyRun` reads with it: a `.spacy` file mapped once, docs decoded on demand.
public enum DisplacyDocBin {
    /// Opens `path` and decodes its top level; each doc is decoded when asked for.
    public static func open(_ path: String) throws(PipelineError) -> DisplacyDocSource {
        try open(path, limits: InflateLimits(), spanGroupsMade: .all)
    }

    /// `open(_:)` for what `request` renders: only the span groups it shows have their spans made
    /// (and refused when outside their doc), as `displacy.render` makes them.
    public static func open(_ path: String, for request: DisplacyRequest, limits: InflateLimits) throws(PipelineError)
        -> DisplacyDocSource
    {
        let made: SpanGroupsMade = request.style == .span ? .named(try DisplacyRun.options(request.optionsJSON).spansKey) : .none
        return try open(path, limits: limits, spanGroupsMade: made)
    }

    /// `open(_:)` with the DocBin's inflate limits (`--max-inflated-size`) and the span groups made.
    static func open(_ path: String, limits: InflateLimits, spanGroupsMade made: SpanGroupsMade) throws(PipelineError)
        -> DisplacyDocSource
    {
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
                return try docBin.doc(at: index, spanGroupsMade: made)
            } catch {
                throw PipelineError(error.inFile(path).description)
            }
        }
    }
}
