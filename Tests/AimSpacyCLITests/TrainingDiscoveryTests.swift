import AimSpacyTestSupport
import Foundation
import Testing

@testable import AimSpacyPipeline

@Suite struct TrainingDiscoveryTests {
    @Test func eachTrainingFolderBelowAnArgumentIsOneCandidate() {
        let candidates = TrainingDiscovery().candidates(inFolder: Fixture.url("trainings"))
        #expect(candidates.map(\.root.lastPathComponent) == ["ner-aim", "spancat-jsonl"])
        let ner = candidates[0]
        #expect(ner.files == [
            "config.cfg", "evaluate/entities.html", "evaluate/metrics.json", "train.log",
            "training/model-best/config.cfg", "training/model-best/meta.json",
            "training/model-last/config.cfg", "training/model-last/meta.json",
        ])
        #expect(candidates[1].files.contains("training/log.jsonl"))
    }

    @Test func aFolderWithOneTrainingIsItsOwnRoot() {
        let candidates = TrainingDiscovery().candidates(inFolder: Fixture.url("trainings/ner-aim"))
        #expect(candidates.count == 1)
        #expect(candidates[0].root.lastPathComponent == "ner-aim")
    }

    @Test func modelWeightsAreLeftOut() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("discovery-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let model = root.appendingPathComponent("out/model-last/ner")
        try FileManager.default.createDirectory(at: model, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: root.appendingPathComponent("out/model-last/meta.json"))
        try Data([1, 2, 3]).write(to: model.appendingPathComponent("model"))
        try Data("log".utf8).write(to: root.appendingPathComponent("train.log"))
        let candidates = TrainingDiscovery().candidates(inFolder: root)
        #expect(candidates.count == 1)
        #expect(candidates[0].files == ["out/model-last/meta.json", "train.log"])
    }

    @Test func globsExpandSorted() {
        let pattern = Fixture.url("trainings").path + "/*"
        let expanded = PathExpansion.expand([pattern])
        #expect(expanded.map { URL(fileURLWithPath: $0).lastPathComponent } == ["ner-aim", "spancat-jsonl"])
        #expect(PathExpansion.expand(["/no/such/path"]) == ["/no/such/path"])
    }
}
