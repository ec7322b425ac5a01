import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

@testable import AimSpacyDecoding

/// `spacy train` override arguments against spaCy's own `parse_config_overrides`.
@Suite struct ConfigOverridesTests {
    static let fixtures: [JSONValue] = {
        guard let data = try? Fixture.data("config/overrides.json"),
            case .array(let items)? = try? JSONValue.parse(String(decoding: data, as: UTF8.self))
        else { return [] }
        return items
    }()

    @Test(arguments: fixtures)
    func argumentsParseAsSpacyParsesThem(_ fixture: JSONValue) throws {
        guard case .array(let items)? = fixture["args"] else {
            Issue.record("fixture without args")
            return
        }
        let arguments = items.compactMap(\.stringValue)
        let result = Result { () throws(DecodingError) in try ConfigOverrides.parse(arguments: arguments) }
        if fixture["error"] != nil {
            #expect(throws: DecodingError.self) { try result.get() }
            return
        }
        let overrides = try result.get()
        let actual = JSONValue.object(overrides.entries.map { ($0.path, $0.value) })
        #expect(actual == fixture["overrides"])
    }

    @Test func fixturesArePresent() { #expect(Self.fixtures.count >= 9) }

    @Test func assignmentsReadLikeDashDashArguments() throws {
        let overrides = try ConfigOverrides.parse(assignments: ["paths.train=corpus/t.spacy", "training.max_steps=600", "a.flag"])
        #expect(overrides.entries == [
            .init(path: "paths.train", value: .string("corpus/t.spacy")),
            .init(path: "training.max_steps", value: .int(600)),
            .init(path: "a.flag", value: .bool(true)),
        ])
    }
}
