import AimSpacyModel
import AimSpacyTestSupport
import Foundation

@testable import AimSpacyDecoding

/// The config fixtures: confection's results in Fixtures/config (made by scripts/make_config_fixtures.py)
/// and every config.cfg shipped in Fixtures.
enum ConfigFixtures {
    static let cases: JSONValue = {
        guard let data = try? Fixture.data("config/cases.json"), let value = try? JSONValue.parse(String(decoding: data, as: UTF8.self))
        else { return .object([]) }
        return value
    }()

    /// Generated configs (seeded), each with confection's result.
    static let random: JSONValue = {
        guard let data = try? Fixture.data("config/random.json"), let value = try? JSONValue.parse(String(decoding: data, as: UTF8.self))
        else { return .object([]) }
        return value
    }()

    static var randomNames: [String] {
        guard case .object(let members) = random else { return [] }
        return members.map(\.key)
    }

    /// Inputs found by the config fuzzer, with confection's results.
    static let fuzzFound: JSONValue = {
        guard let data = try? Fixture.data("config/fuzz.json"), let value = try? JSONValue.parse(String(decoding: data, as: UTF8.self))
        else { return .object([]) }
        return value
    }()

    static var fuzzFoundNames: [String] {
        guard case .object(let members) = fuzzFound else { return [] }
        return members.map(\.key)
    }

    static var caseNames: [String] {
        guard case .object(let members) = cases else { return [] }
        return members.map(\.key)
    }

    /// Every config.cfg under Fixtures/configs and Fixtures/trainings, as paths relative to Fixtures.
    static let realConfigs: [String] = {
        var found: [String] = []
        let root = Fixture.root
        for base in ["configs", "trainings"] {
            let dir = root.appendingPathComponent(base)
            guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where url.pathExtension == "cfg" {
                found.append(String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)))
            }
        }
        return found.sorted()
    }()

    /// `configs/ner.cfg` → `configs.ner`, the fixture naming of make_expected.py.
    static func fixtureName(_ relativePath: String) -> String {
        relativePath.replacing(".cfg", with: "").replacing("/", with: ".")
    }

    static func overrides(_ value: JSONValue?) -> ConfigOverrides {
        var result = ConfigOverrides()
        if case .object(let members)? = value {
            for member in members { result.set(member.key, member.value) }
        }
        return result
    }

    /// Parses with confection's failure kinds visible.
    static func parse(
        _ text: String, interpolate: Bool, overrides: ConfigOverrides = ConfigOverrides(), newlines: ConfigNewlines = .lineFeed
    ) -> Result<Config, ConfigFailure> {
        var copy = text
        return copy.withUTF8 { buffer in
            Result { () throws(ConfigFailure) in
                try Config.parseFailing(UnsafeRawBufferPointer(buffer), interpolate: interpolate, overrides: overrides, newlines: newlines)
            }
        }
    }

    /// Objects with keys sorted at every level, for comparison with `json.dump(..., sort_keys=True)`.
    static func sorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): return .object(members.sorted { $0.key < $1.key }.map { ($0.key, sorted($0.value)) })
        case .array(let items): return .array(items.map(sorted))
        default: return value
        }
    }

    /// The exception kind we report for a Python exception class name in the fixtures.
    static func kind(forPythonError name: String) -> ConfigFailureKind {
        ConfigFailureKind(rawValue: name) ?? .other
    }
}
