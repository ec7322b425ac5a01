import Foundation
import AimSpacyDecoding
import AimSpacyModel

/// `aim-spacy docbin stats`: counts from the columnar path (no `Doc` is made), as JSON or a table.
public enum DocBinStats {
    public static func counts(path: String, limits: InflateLimits = InflateLimits()) throws -> DocBinCounts {
        let docBin = try DocBinFile.open(path, limits: limits)
        do { return try docBin.counts() } catch { throw error.inFile(path) }
    }

    /// Only inflates the file and returns the payload size: the benchmark's zlib-alone baseline.
    public static func inflatedSize(path: String, limits: InflateLimits = InflateLimits()) throws -> Int {
        if let problem = RegularFile.problem(at: path) { throw PipelineError("\(path): \(problem)") }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw PipelineError("\(path): cannot read the file (\(error.localizedDescription))")
        }
        do {
            return try data.withUnsafeBytes { raw in try Zlib.inflate(raw, limits: limits).count }
        } catch let error as DecodingError {
            throw error.inFile(path)
        }
    }

    /// The counts as one JSON object with sorted keys.
    public static func json(_ c: DocBinCounts) -> JSONValue {
        func object(_ d: [String: JSONValue]) -> JSONValue { .object(d.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }) }
        return object([
            "docs": .int(c.docs),
            "tokens": .int(c.tokens),
            "sentences": .int(c.sentences),
            "docs_without_sentences": .int(c.docsWithoutSentences),
            "entities": .int(c.entityCount),
            "entities_by_label": object(c.entities.mapValues(JSONValue.int)),
            "spans_by_group": object(c.spans.mapValues { object($0.mapValues(JSONValue.int)) }),
            "cats_by_label": object(c.cats.mapValues { object(["docs": .int($0.docs), "positive": .int($0.positive)]) }),
            "attributes": .array(c.attributes.map(JSONValue.string)),
            "docs_with_unknown_spaces": .int(c.docsWithUnknownSpaces),
            "docs_with_user_data": .int(c.docsWithUserData),
            "compressed_bytes": .int(c.compressedSize),
            "inflated_bytes": .int(c.inflatedSize),
        ])
    }

    /// The counts as an aligned text table for people.
    public static func table(_ c: DocBinCounts, path: String) -> String {
        var rows: [(String, String)] = [
            ("file", path),
            ("docs", String(c.docs)),
            ("tokens", String(c.tokens)),
            ("sentences", String(c.sentences) + (c.docsWithoutSentences > 0 ? " (\(c.docsWithoutSentences) docs without sentence annotation)" : "")),
            ("entities", String(c.entityCount)),
        ]
        for (label, n) in c.entities.sorted(by: { $0.key < $1.key }) { rows.append(("  " + label, String(n))) }
        rows.append(("span groups", String(c.spans.count)))
        for (group, labels) in c.spans.sorted(by: { $0.key < $1.key }) {
            rows.append(("  " + group, String(labels.values.reduce(0, +))))
            for (label, n) in labels.sorted(by: { $0.key < $1.key }) { rows.append(("    " + label, String(n))) }
        }
        rows.append(("cats", String(c.cats.count)))
        for (label, n) in c.cats.sorted(by: { $0.key < $1.key }) {
            rows.append(("  " + label, "\(n.docs) docs, \(n.positive) positive (>= 0.5)"))
        }
        rows.append(("attributes", c.attributes.joined(separator: " ")))
        rows.append(("unknown spaces", "\(c.docsWithUnknownSpaces) docs"))
        rows.append(("user data", "\(c.docsWithUserData) docs"))
        rows.append(("compressed", "\(c.compressedSize) bytes"))
        rows.append(("inflated", "\(c.inflatedSize) bytes"))
        let width = rows.map { $0.0.count }.max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n") + "\n"
    }
}
