import AimSpacyDecoding
import AimSpacyModel
import Foundation

/// Opens `.spacy` files for the `docbin` commands: the file is mapped, inflated once into one
/// buffer of the payload's size, and decoding errors are stamped with the file name.
public enum DocBinFile {
    /// Reads and decodes `path`. Throws `DecodingError` (with the file set) or `PipelineError`.
    public static func open(_ path: String, limits: InflateLimits = InflateLimits()) throws -> DocBin {
        if let problem = RegularFile.problem(at: path) { throw PipelineError("\(path): \(problem)") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw PipelineError("\(path): cannot read the file (\(error.localizedDescription))")
        }
        do {
            return try data.withUnsafeBytes { raw in try DocBin(bytes: raw, limits: limits) }
        } catch let error as DecodingError {
            throw error.inFile(path)
        }
    }
}
