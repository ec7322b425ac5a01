import AimSpacyModel
import Foundation

/// A small experiment folder laid out as `spacy train` leaves it, written into a test's temp dir.
enum ExperimentFixture {
    /// Files that are kept without `--include-models`.
    static let kept: [String: String] = [
        "config.cfg": "[nlp]\nlang = \"en\"\npipeline = [\"ner\"]\n",
        "train.log": "E    #       LOSS NER  ENTS_F  ENTS_P  ENTS_R  SCORE \n---  ------  --------  ------  ------  ------  ------\n  0       0     12.00    0.00    0.00    0.00    0.00\n",
        "training/model-best/meta.json": "{\"lang\":\"en\",\"name\":\"pipeline\"}\n",
        "training/model-best/config.cfg": "[nlp]\nlang = \"en\"\n",
        "training/model-last/meta.json": "{\"lang\":\"en\",\"name\":\"pipeline\"}\n",
        "evaluate/metrics.json": "{\"ents_f\": 0.5}\n",
    ]

    /// Model weights: left out unless `--include-models`.
    static let weights: [String: [UInt8]] = [
        "training/model-best/ner/model": (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) },
        "training/model-best/vocab/strings.json": Array("[\"a\",\"b\"]".utf8),
        "training/model-last/tokenizer": Array("tokenizer bytes".utf8),
    ]

    /// Writes the folder `name` under `parent` and returns it.
    static func make(in parent: URL, name: String = "ner-run") throws -> URL {
        let root = parent.appendingPathComponent(name)
        for (path, text) in kept { try write(Array(text.utf8), to: root.appendingPathComponent(path)) }
        for (path, bytes) in weights { try write(bytes, to: root.appendingPathComponent(path)) }
        return root
    }

    static func write(_ bytes: [UInt8], to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Every regular file under `root` (relative path → sha256), skipping nothing.
    static func tree(_ root: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(atPath: rootPath) else { return [:] }
        while let relative = walker.nextObject() as? String {
            let path = rootPath + "/" + relative
            let type = try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
            if type == .typeRegular {
                result[relative] = SHA256.hex(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            }
        }
        return result
    }

    /// Names directly in `url` (empty when it does not exist).
    static func listing(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }
}
