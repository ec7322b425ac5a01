import AimSpacyDecoding
import AimSpacyModel
import AimSpacyPipeline
import AimSpacyTestSupport
import Foundation
import Testing

/// `aim-spacy config show` output against confection's results for the shipped configs.
@Suite struct ConfigShowTests {
    static let configs = [
        "configs/ner.cfg", "configs/parser.cfg", "configs/spancat.cfg", "configs/textcat.cfg",
        "trainings/ner-aim/config.cfg", "trainings/ner-aim/training/model-best/config.cfg",
        "trainings/spancat-jsonl/training/model-last/config.cfg",
    ]

    static func name(_ path: String) -> String { path.replacing(".cfg", with: "").replacing("/", with: ".") }

    static func expectation(_ path: String) throws -> JSONValue {
        try JSONValue.parse(String(decoding: try Fixture.data("config/real.\(name(path)).json"), as: UTF8.self))
    }

    @Test(arguments: configs)
    func jsonEqualsConfectionsInterpolatedConfig(path: String) throws {
        let output = try ConfigShow.render(path: Fixture.url(path).path, options: .init(json: true))
        let expected = try JSONValue.parse(String(decoding: try Fixture.data("expected/config.\(Self.name(path)).json"), as: UTF8.self))
        #expect(try JSONValue.parse(output) == expected)
    }

    @Test(arguments: configs)
    func cfgTextEqualsToStr(path: String) throws {
        let entry = try Self.expectation(path)
        let interpolated = try ConfigShow.render(path: Fixture.url(path).path, options: .init())
        #expect(interpolated == entry["interpolated"]?["to_str"]?.stringValue)
        let raw = try ConfigShow.render(path: Fixture.url(path).path, options: .init(interpolate: false))
        #expect(raw == entry["raw"]?["to_str"]?.stringValue)
    }

    @Test func setAppliesBeforeInterpolation() throws {
        let path = Fixture.url("configs/ner.cfg").path
        let output = try ConfigShow.render(
            path: path, options: .init(json: true, assignments: ["paths.train=corpus/train.spacy", "training.max_steps=600"]))
        let root = try JSONValue.parse(output)
        #expect(root.value(atPath: ["corpora", "train", "path"]) == .string("corpus/train.spacy"))
        #expect(root.value(atPath: ["training", "max_steps"]) == .int(600))
        let raw = try ConfigShow.render(path: path, options: .init(interpolate: false, assignments: ["paths.train=t.spacy"]))
        #expect(raw.contains("[paths]\ntrain = \"t.spacy\"\n"))
        #expect(raw.contains("path = ${paths.train}\n"))
    }

    @Test func errorsNameTheFileAndPlace() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("config-show-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("config.cfg").path
        try Data("[paths]\ntrain = null\n\n[corpora]\npath = ${paths.dev}\n".utf8).write(to: URL(fileURLWithPath: file))
        let undefined = #expect(throws: DecodingError.self) { try ConfigShow.render(path: file, options: .init()) }
        #expect(undefined?.description.hasPrefix("\(file):5:8: error: undefined variable '${paths.dev}'") == true)
        let missing = #expect(throws: DecodingError.self) {
            try ConfigShow.render(path: file, options: .init(assignments: ["nope.x=1"]))
        }
        #expect(missing?.description.hasPrefix("\(file): error: override 'nope.x'") == true)
        let absent = #expect(throws: DecodingError.self) { try ConfigShow.render(path: file + ".missing", options: .init()) }
        #expect(absent?.file == file + ".missing")
    }
}
