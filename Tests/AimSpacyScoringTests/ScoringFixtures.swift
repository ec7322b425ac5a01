import AimSpacyDecoding
import AimSpacyModel
import AimSpacyScoring
import AimSpacyTestSupport
import Foundation

/// The fixture sets of `Fixtures/scorer/`: every folder with a `scores.json` written by spaCy's Scorer.
enum ScoringFixtures {
    static let sets: [String] = {
        let root = Fixture.url("scorer")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/scores.json").path) }.sorted()
    }()

    static func docBin(_ path: String) throws -> DocBin {
        let data = try Fixture.data(path)
        return try data.withUnsafeBytes { raw in try DocBin(bytes: raw) }
    }

    /// Scores a set's predictions (or another predicted file) against its gold docs.
    static func score(_ set: String, predicted: String? = nil) throws -> Scores {
        let pipeline = try ScoringPipeline.load(model: Fixture.url("scorer/\(set)/model-best").path)
        let pairs = PairedDocBins(
            gold: try docBin("scorer/\(set)/dev.gold.spacy"), predicted: try docBin(predicted ?? "scorer/\(set)/dev.pred.spacy"),
            goldFile: "dev.gold.spacy", predictedFile: predicted ?? "dev.pred.spacy")
        return try pairs.score(with: pipeline)
    }

    static func expected(_ set: String) throws -> JSONValue {
        try JSONValue.parse(String(decoding: try Fixture.data("scorer/\(set)/scores.json"), as: UTF8.self))
    }
}

/// Differences between two score dicts: values within 1e-9, keys in the same order except in the per-label dicts
/// that spaCy fills by iterating a Python set (`ents_per_type`, `spans_*_per_type`), whose order varies by run.
func differences(_ expected: JSONValue, _ actual: JSONValue, path: String = "") -> [String] {
    switch (expected, actual) {
    case let (.object(e), .object(a)):
        let unordered = path.hasSuffix("ents_per_type") || (path.hasPrefix(".spans_") && path.hasSuffix("_per_type"))
        var out: [String] = []
        if unordered ? Set(e.map(\.key)) != Set(a.map(\.key)) : e.map(\.key) != a.map(\.key) {
            out.append("\(path): keys \(e.map(\.key)) != \(a.map(\.key))")
        }
        for (key, value) in e {
            guard let other = a.first(where: { $0.key == key })?.value else { continue }
            out += differences(value, other, path: path + "." + key)
        }
        return out
    case let (e, a):
        if let x = e.doubleValue, let y = a.doubleValue {
            return abs(x - y) <= 1e-9 || (x.isNaN && y.isNaN) ? [] : ["\(path): \(x) != \(y)"]
        }
        return e == a ? [] : ["\(path): \(e.serialized()) != \(a.serialized())"]
    }
}
