import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

@testable import AimSpacyDecoding

/// Cut and corrupted configs: always a value or a `DecodingError`, never a crash or a hang.
@Suite struct ConfigRobustnessTests {
    /// Every shipped config.cfg and every fixture case text.
    static let sources: [String] = {
        var names = ConfigFixtures.realConfigs
        names += ConfigFixtures.caseNames.map { "case:" + $0 }
        return names
    }()

    static func bytes(_ source: String) throws -> [UInt8] {
        if source.hasPrefix("case:") {
            let text = ConfigFixtures.cases[String(source.dropFirst(5))]?["text"]?.stringValue ?? ""
            return Array(text.utf8)
        }
        return Array(try Fixture.data(source))
    }

    /// Parses in every mode and writes the result back; only `DecodingError`s may come out.
    static func exercise(_ bytes: [UInt8]) -> Int {
        var outcomes = 0
        bytes.withUnsafeBytes { raw in
            for (interpolate, newlines) in [(true, ConfigNewlines.universal), (false, ConfigNewlines.lineFeed)] {
                do {
                    do throws(DecodingError) {
                        let config = try Config.parse(raw, interpolate: interpolate, newlines: newlines)
                        _ = try? config.text()
                        if !interpolate { _ = try? config.interpolated() }
                        _ = try? SpacyConfig(config)
                    } catch {
                        #expect(!error.message.isEmpty)
                    }
                    outcomes += 1
                }
            }
        }
        return outcomes
    }

    @Test(arguments: sources)
    func truncatedAtManyOffsets(source: String) throws {
        let data = try Self.bytes(source)
        let step = max(1, data.count / 60)
        var runs = 0
        for cut in stride(from: 0, through: data.count, by: step) { runs += Self.exercise(Array(data[..<cut])) }
        #expect(runs > 0)
    }

    @Test(arguments: sources)
    func flippedBytes(source: String) throws {
        let data = try Self.bytes(source)
        guard !data.isEmpty else { return }
        var generator = SplitMix64(seed: UInt64(truncatingIfNeeded: source.utf8.reduce(5381) { $0 &* 33 &+ Int($1) }))
        let specials: [UInt8] = [
            UInt8(ascii: "$"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "="), UInt8(ascii: "\n"), UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "\""), 0x00, 0xFF, 0xC3, 0xE2,
        ]
        for _ in 0..<50 {
            var copy = data
            let at = Int(generator.next() % UInt64(copy.count))
            let pick = generator.next()
            copy[at] = pick % 2 == 0 ? specials[Int(pick / 2 % UInt64(specials.count))] : copy[at] ^ UInt8(truncatingIfNeeded: pick >> 8 | 1)
            _ = Self.exercise(copy)
        }
    }

    @Test func manySectionsAndReferences() throws {
        var text = "[root]\nbase = 5\n"
        for i in 0..<3000 { text += "\n[root.s\(i)]\nv = ${root.base}\nw = \"x${root.base}\"\n" }
        let config = try Config.parse(text)
        guard case .object(let members)? = config.root["root"] else {
            Issue.record("no [root]")
            return
        }
        #expect(members.count == 3001)
        #expect(config.root.value(atPath: ["root", "s2999", "w"]) == .string("x5"))
    }

    @Test func deepNestingAndHugeExpansionsFailCleanly() {
        let deep = "[a]\nx = " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
        #expect(Self.exercise(Array(deep.utf8)) == 2)
        var chain = "[a]\nv0 = 1\n"
        for i in 1...10 { chain += "v\(i) = " + String(repeating: "${a.v\(i - 1)}", count: 12) + "\n" }
        let result = ConfigFixtures.parse(chain, interpolate: true)
        #expect(throws: ConfigFailure.self) { try result.get() }
        var sections = "[s0]\nk = 1\n"
        for i in 1...30 { sections += "\n[s\(i)]\na = ${s\(i - 1)}\nb = ${s\(i - 1)}\n" }
        #expect(throws: ConfigFailure.self) { try ConfigFixtures.parse(sections, interpolate: true).get() }
    }
}

/// A small deterministic generator, so failures reproduce.
