import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

@testable import AimSpacyDecoding

/// Our config reading against confection 1.3.4 on the same text.
@Suite struct ConfigParityTests {
    /// One mode of one case: the value or exception class, and `to_str()` of the value.
    private func check(_ expected: JSONValue?, _ actual: Result<Config, ConfigFailure>, _ label: String) throws {
        let expected = try #require(expected, "\(label): no expectation")
        if case .string(let error)? = expected["error"] {
            switch actual {
            case .success(let config):
                Issue.record("\(label): confection raises \(error), we parsed \(config.root.serialized())")
            case .failure(let failure):
                #expect(failure.kind == ConfigFixtures.kind(forPythonError: error), "\(label): \(failure.message)")
            }
            return
        }
        let config: Config
        switch actual {
        case .success(let c): config = c
        case .failure(let failure):
            Issue.record("\(label): we fail (\(failure.kind.rawValue): \(failure.message)), confection parses it")
            return
        }
        #expect(config.root == expected["value"], "\(label): \(config.root.serialized()) vs \(expected["value"]?.serialized() ?? "-")")
        let text = Result { () throws(DecodingError) in try config.text() }
        if case .string(let toStr)? = expected["to_str"] {
            #expect((try? text.get()) == toStr, "\(label) to_str")
        } else {
            #expect((try? text.get()) == nil, "\(label): confection's to_str raises")
        }
    }

    @Test(arguments: ConfigFixtures.caseNames)
    func caseMatchesConfection(name: String) throws {
        let entry = try #require(ConfigFixtures.cases[name])
        let text = try #require(entry["text"]?.stringValue)
        let overrides = ConfigFixtures.overrides(entry["overrides"])
        let newlines: ConfigNewlines = entry["newlines"] == .string("universal") ? .universal : .lineFeed
        let interpolated = ConfigFixtures.parse(text, interpolate: true, overrides: overrides, newlines: newlines)
        try check(entry["interpolated"], interpolated, "\(name) interpolated")
        try check(entry["raw"], ConfigFixtures.parse(text, interpolate: false, overrides: overrides, newlines: newlines), "\(name) raw")
    }

    @Test(arguments: ConfigFixtures.randomNames)
    func generatedConfigMatchesConfection(name: String) throws {
        let entry = try #require(ConfigFixtures.random[name])
        let text = try #require(entry["text"]?.stringValue)
        let overrides = ConfigFixtures.overrides(entry["overrides"])
        try check(entry["interpolated"], ConfigFixtures.parse(text, interpolate: true, overrides: overrides), "\(name) interpolated")
        try check(entry["raw"], ConfigFixtures.parse(text, interpolate: false, overrides: overrides), "\(name) raw")
    }

    @Test(arguments: ConfigFixtures.fuzzFoundNames)
    func fuzzerInputMatchesConfection(name: String) throws {
        let entry = try #require(ConfigFixtures.fuzzFound[name])
        let text = try #require(entry["text"]?.stringValue)
        try check(entry["interpolated"], ConfigFixtures.parse(text, interpolate: true), "\(name) interpolated")
        try check(entry["raw"], ConfigFixtures.parse(text, interpolate: false), "\(name) raw")
    }

    @Test(arguments: ConfigFixtures.realConfigs)
    func realConfigMatchesConfection(path: String) throws {
        let text = String(decoding: try Fixture.data(path), as: UTF8.self)
        let name = ConfigFixtures.fixtureName(path)
        let entry = try JSONValue.parse(String(decoding: try Fixture.data("config/real.\(name).json"), as: UTF8.self))
        try check(entry["interpolated"], ConfigFixtures.parse(text, interpolate: true), "\(path) interpolated")
        try check(entry["raw"], ConfigFixtures.parse(text, interpolate: false), "\(path) raw")
        let raw = try ConfigFixtures.parse(text, interpolate: false).get()
        #expect(try raw.interpolated().text() == entry["interpolated_then_raw_to_str"]?.stringValue)
    }

    /// The expectations shipped with the fixtures (`expected/config.*.json`, sorted keys).
    @Test(arguments: ConfigFixtures.realConfigs)
    func realConfigMatchesShippedExpectation(path: String) throws {
        let expected = try JSONValue.parse(
            String(decoding: try Fixture.data("expected/config.\(ConfigFixtures.fixtureName(path)).json"), as: UTF8.self))
        let config = try Config.load(contentsOf: Fixture.url(path))
        #expect(ConfigFixtures.sorted(config.root) == expected)
    }

    @Test func realConfigListIsComplete() {
        #expect(ConfigFixtures.realConfigs.count >= 10)
        #expect(ConfigFixtures.caseNames.count >= 80)
        #expect(ConfigFixtures.randomNames.count >= 750)
        #expect(ConfigFixtures.fuzzFoundNames.count >= 400)
    }
}
