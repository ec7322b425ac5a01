import AimSpacyModel
import AimSpacyTestSupport
import Testing

@testable import AimSpacyDecoding

/// Variables that multiply are stopped once the config has grown past its budget (64× its size,
/// at least 4 MiB), with the place of the value that went over; real configs stay far below.
@Suite struct ConfigBudgetTests {
    static func line(of section: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "[\(section)]" }.map { $0 + 2 }
    }

    @Test(arguments: [(9, 3, 1000, 20), (6, 10, 100, 50), (10, 2, 20_000, 100)])
    func multiplyingVariablesAreRefusedWhereTheyGoOver(levels: Int, copies: Int, base: Int, tops: Int) throws {
        let text = HostileConfigs.interpolationBomb(levels: levels, copies: copies, base: base, tops: tops)
        let error = try #require(throws: DecodingError.self) { try Config.parse(text) }
        #expect(error.message.contains("expand the config to more than \(ConfigBudget.floor) bytes"), "\(error.message)")
        // The message names the value that went over; the location is its line, after `v = `.
        let named = try #require(error.message.firstMatch(of: /of \[(\w+)\]/)).1
        #expect(error.location == .text(line: try #require(Self.line(of: String(named), in: text)), column: 5))
    }

    /// The budget is the config's own: a second config read after a refused one is not charged.
    @Test func eachConfigHasItsOwnBudget() throws {
        #expect(throws: DecodingError.self) { try Config.parse(HostileConfigs.interpolationBomb(tops: 20)) }
        let text = HostileConfigs.interpolationBomb(levels: 9, copies: 3, base: 50, tops: 2)
        let config = try Config.parse(text)
        #expect(config.root["t1"]?["v"]?.stringValue?.utf8.count == 6561 * 51 - 1)
    }

    @Test(arguments: ConfigFixtures.realConfigs)
    func realConfigsSpendLittleOfIt(path: String) throws {
        let data = Array(try Fixture.data(path))
        let text = try data.withUnsafeBytes { raw in try ConfigTextReader.read(raw, newlines: .universal) }
        var budget = ConfigBudget(inputSize: text.size)
        let interpolator = ConfigInterpolator(text: text)
        for section in text.sections {
            for option in section.options {
                _ = try interpolator.value(section: section.name, option: option.key, budget: &budget)
            }
        }
        #expect(budget.spent < 2 * text.size)
    }
}
