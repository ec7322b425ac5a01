import AimSpacyDecoding
import AimSpacyTestSupport
import Testing

/// Logs are recognised by content, not by name.
@Suite struct TrainingLogFormatTests {
    @Test(arguments: TrainingLogConsoleTests.consoleLogs)
    func consoleLogs(path: String) throws {
        #expect(TrainingLogFormat.detect([UInt8](try Fixture.data(path))) == .console)
    }

    @Test(arguments: TrainingLogJSONLTests.files)
    func jsonlLogs(path: String) throws {
        #expect(TrainingLogFormat.detect([UInt8](try Fixture.data(path))) == .jsonl)
    }

    @Test(arguments: [
        "trainings/spancat-jsonl/train.stderr", "trainings/ner-aim/config.cfg",
        "trainings/ner-aim/training/model-best/meta.json", "trainings/ner-aim/evaluate/metrics.json",
        "trainings/ner-aim/evaluate/entities.html", "corpus/dev.spacy",
    ])
    func otherFiles(path: String) throws {
        #expect(TrainingLogFormat.detect([UInt8](try Fixture.data(path))) == nil)
    }
}
