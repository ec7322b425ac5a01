import AimSpacyDecoding
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// `meta.json` against Foundation's own JSON reading of the same file.
@Suite struct MetaTests {
    static let files = [
        "trainings/ner-aim/training/model-best/meta.json", "trainings/ner-aim/training/model-last/meta.json",
        "trainings/spancat-jsonl/training/model-best/meta.json", "trainings/spancat-jsonl/training/model-last/meta.json",
    ]

    @Test(arguments: files)
    func metaMatchesTheJSON(path: String) throws {
        let data = try Fixture.data(path)
        let meta = try PipelineMetaDecoder.decode([UInt8](data))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(meta.lang == object["lang"] as? String)
        #expect(meta.name == object["name"] as? String)
        #expect(meta.version == object["version"] as? String)
        #expect(meta.spacyVersion == object["spacy_version"] as? String)
        #expect(meta.spacyGitVersion == object["spacy_git_version"] as? String)
        #expect(meta.pipeline == object["pipeline"] as? [String])
        #expect(meta.components == object["components"] as? [String])
        #expect(meta.disabled == object["disabled"] as? [String])
        let labels = try #require(object["labels"] as? [String: [String]])
        #expect(meta.labels.count == labels.count)
        for component in meta.labels { #expect(component.labels == labels[component.component]) }
        let performance = try #require(object["performance"] as? [String: Any])
        try ScoreCheck.same(scores: meta.scores, tables: meta.perLabel, as: performance)
        let final = meta.finalScores(model: "model-best")
        #expect(final.model == "model-best")
        #expect(final.scores == meta.scores)
        #expect(final.perLabel == meta.perLabel)
    }

    @Test(arguments: files)
    func cutAndFlippedMeta(path: String) throws {
        let bytes = [UInt8](try Fixture.data(path))
        for input in Mutations.truncations(bytes) + Mutations.flips(bytes) {
            do {
                _ = try PipelineMetaDecoder.decode(input)
            } catch {
                #expect(Mutations.isLocated(error), "\(error)")
            }
        }
    }

    @Test func aWrongTypeNamesItsKeyAndLine() throws {
        var text = String(decoding: try Fixture.data(Self.files[0]), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"ents_f\":", with: "\"ents_f\":[1],\"was\":")
        do {
            _ = try PipelineMetaDecoder.decode(Array(text.utf8))
            Issue.record("expected an error")
        } catch {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = try #require(lines.firstIndex { $0.contains("\"ents_f\":[1]") }) + 1
            guard case .text(let found, _) = error.location else {
                Issue.record("no text location")
                return
            }
            #expect(found == line)
            #expect(error.message.contains("performance.ents_f"))
        }
    }
}

/// Compares decoded flat scores and per-label tables with Foundation's reading of the scores object.
enum ScoreCheck {
    static func same(scores: [NamedScore], tables: [ScoreTable], as object: [String: Any]) throws {
        #expect(scores.count + tables.count == object.filter { !($0.value is String) }.count)
        for score in scores {
            let raw = try #require(object[score.name], "\(score.name)")
            if raw is NSNull {
                #expect(score.value == nil, "\(score.name)")
            } else {
                #expect(score.value == (raw as? NSNumber)?.doubleValue, "\(score.name)")
            }
        }
        for table in tables {
            let raw = try #require(object[table.name] as? [String: Any], "\(table.name)")
            #expect(table.rows.count == raw.count)
            for row in table.rows {
                if let metrics = raw[row.label] as? [String: Any] {
                    #expect(row.metrics.count == metrics.count)
                    for metric in row.metrics {
                        #expect(metric.value == (metrics[metric.name] as? NSNumber)?.doubleValue, "\(table.name).\(row.label)")
                    }
                } else {
                    #expect(row.metrics.first?.value == (raw[row.label] as? NSNumber)?.doubleValue)
                }
            }
        }
    }
}
