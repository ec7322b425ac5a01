import AimSpacyModel

/// Decodes a pipeline's `meta.json` as `spacy train` (`nlp.to_disk`) or `spacy package` write it.
public enum PipelineMetaDecoder {
    /// Decodes `meta.json` bytes. `lang` and `pipeline` are required; other keys default to empty when absent.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(DecodingError) -> PipelineMeta {
        let json: JSONValue
        do {
            json = try JSONValue.parse(bytes)
        } catch {
            throw DecodingError(error)
        }
        do {
            return try meta(json)
        } catch {
            throw DecodingError(location: JSONLocation.locate(error.path, in: bytes), message: "expected \(error.expected) at \(error.path)")
        }
    }

    /// Decodes `meta.json` bytes.
    public static func decode(_ bytes: [UInt8]) throws(DecodingError) -> PipelineMeta {
        let result: Result<PipelineMeta, DecodingError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(DecodingError) in try decode(buffer) }
        }
        return try result.get()
    }

    private static func meta(_ json: JSONValue) throws(KeyPathError) -> PipelineMeta {
        guard case .object = json else { throw KeyPathError(path: "", expected: "a JSON object") }
        let lang = try string(json, "lang", required: true)
        let pipeline = try strings(json, "pipeline", required: true)
        var labels: [ComponentLabels] = []
        if let value = json["labels"], value != .null {
            guard case .object(let members) = value else { throw KeyPathError(path: "labels", expected: "an object") }
            for (component, list) in members {
                labels.append(ComponentLabels(component: component, labels: try stringList(list, path: "labels.\(component)")))
            }
        }
        var scores: [NamedScore] = []
        var tables: [ScoreTable] = []
        if let value = json["performance"], value != .null {
            guard case .object(let members) = value else {
                throw KeyPathError(path: "performance", expected: "an object of scores")
            }
            (scores, tables) = try ScoreTables.split(members, path: "performance")
        }
        var speed: [NamedScore] = []
        if let value = json["speed"], value != .null {
            guard case .object(let members) = value else { throw KeyPathError(path: "speed", expected: "an object") }
            for (key, number) in members {
                switch number {
                case .null, .int, .double: speed.append(NamedScore(name: key, value: number.doubleValue))
                default: throw KeyPathError(path: "speed.\(key)", expected: "a number or null")
                }
            }
        }
        let gitVersion = try string(json, "spacy_git_version", required: false)
        return PipelineMeta(
            lang: lang, name: try string(json, "name", required: false), version: try string(json, "version", required: false),
            spacyVersion: try string(json, "spacy_version", required: false),
            spacyGitVersion: json["spacy_git_version"] == nil ? nil : gitVersion,
            description: try string(json, "description", required: false), pipeline: pipeline,
            components: json["components"] == nil ? pipeline : try strings(json, "components", required: false),
            disabled: try strings(json, "disabled", required: false), labels: labels, scores: scores, perLabel: tables,
            speed: speed, json: json)
    }

    private static func string(_ json: JSONValue, _ key: String, required: Bool) throws(KeyPathError) -> String {
        switch json[key] {
        case .string(let text)?: return text
        case nil where !required, .null? where !required: return ""
        default: throw KeyPathError(path: key, expected: "a string")
        }
    }

    private static func strings(_ json: JSONValue, _ key: String, required: Bool) throws(KeyPathError) -> [String] {
        guard let value = json[key] else {
            if required { throw KeyPathError(path: key, expected: "a list of strings") }
            return []
        }
        return try stringList(value, path: key)
    }

    private static func stringList(_ value: JSONValue, path: String) throws(KeyPathError) -> [String] {
        guard case .array(let items) = value else { throw KeyPathError(path: path, expected: "a list of strings") }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else { throw KeyPathError(path: "\(path).\(index)", expected: "a string") }
            result.append(text)
        }
        return result
    }
}
