import AimSpacyDecoding
import AimSpacyModel

/// `aim-spacy docbin dump`: one `Doc.to_json()` object per line (JSON Lines), as
/// `json.dumps(doc.to_json(), ensure_ascii=False)` writes it.
public enum DocBinDump {
    /// Writes every doc of `path` through `write`, one line each, decoding one doc at a time.
    public static func run(path: String, limits: InflateLimits = InflateLimits(), write: (String) -> Void) throws {
        let docBin = try DocBinFile.open(path, limits: limits)
        var line = ""
        for result in docBin.docs {
            let doc: Doc
            switch result {
            case .success(let decoded): doc = decoded
            case .failure(let error): throw error.inFile(path)
            }
            line.removeAll(keepingCapacity: true)
            line += doc.toJSON().serialized()
            line += "\n"
            write(line)
        }
    }
}
