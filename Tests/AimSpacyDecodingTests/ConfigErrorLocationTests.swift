import AimSpacyModel
import Foundation
import Testing

@testable import AimSpacyDecoding

/// Where our errors point (confection names no places; these are ours, picked by hand).
@Suite struct ConfigErrorLocationTests {
    struct Case: Sendable, CustomStringConvertible {
        var bytes: [UInt8]
        var line: Int
        var column: Int
        var kind: ConfigFailureKind
        var mentions: String
        var description: String { mentions }

        init(text: String, line: Int, column: Int, kind: ConfigFailureKind, mentions: String) {
            self.init(bytes: Array(text.utf8), line: line, column: column, kind: kind, mentions: mentions)
        }

        init(bytes: [UInt8], line: Int, column: Int, kind: ConfigFailureKind, mentions: String) {
            self.bytes = bytes
            self.line = line
            self.column = column
            self.kind = kind
            self.mentions = mentions
        }
    }

    static let cases: [Case] = [
        Case(text: "[a]\nx = 1\nx = 2\n", line: 3, column: 1, kind: .duplicateOptionError, mentions: "duplicate key 'x'"),
        Case(text: "[a]\nx = 1\n[b]\n  [a]\n", line: 4, column: 3, kind: .duplicateSectionError, mentions: "line 1"),
        Case(text: "[a]\nx = ${b.y}\n\n[b]\nz = 1\n", line: 2, column: 5, kind: .configValidationError, mentions: "'${b.y}'"),
        Case(text: "[a]\nx = [1,\n    ${nope.k}]\n", line: 3, column: 5, kind: .configValidationError, mentions: "nope.k"),
        Case(text: "[a]\nx = ${a.y}\ny = ${a.x}\n", line: 2, column: 5, kind: .interpolationDepthError, mentions: "cycle"),
        Case(text: "[a]\nx = cost $y\n", line: 2, column: 10, kind: .interpolationSyntaxError, mentions: "'$' must be followed"),
        Case(text: "[a]\nx = ${a.y\n", line: 2, column: 5, kind: .interpolationSyntaxError, mentions: "${section.key}"),
        Case(text: "[a.b]\nx = 1\n", line: 1, column: 1, kind: .configValidationError, mentions: "section 'a' is not defined"),
        Case(text: "[a]\n[a.b.c]\n", line: 2, column: 1, kind: .configValidationError, mentions: "section 'b' is not defined"),
        Case(text: "[a.b]\n[a]\n", line: 1, column: 1, kind: .keyError, mentions: "parent"),
        Case(text: "\n\n  x = 1\n[a]\n", line: 3, column: 3, kind: .configValidationError, mentions: "section header"),
        Case(text: "[a]\nx = 1\n\njust words\n[b]\n", line: 4, column: 1, kind: .configValidationError, mentions: "'key = value'"),
        Case(text: "[a]\nb = 1\n\n[a.b]\n", line: 4, column: 1, kind: .configValidationError, mentions: "conflicting"),
        Case(text: "[s]\nk = 1\n\n[b]\nx = \"v ${s}\"\n", line: 5, column: 5, kind: .configValidationError, mentions: "section variable"),
        Case(text: "[a]\nx = ${b}\n\n[b]\ny = ${a}\n", line: 2, column: 5, kind: .other, mentions: "reference cycle"),
        Case(text: "[DEFAULT]\nq = 1\n[a]\n", line: 2, column: 1, kind: .configValidationError, mentions: "[DEFAULT]"),
        Case(text: "[a]\nx = \"caf\u{e9}\"\ny = \u{e9}\u{e9} ${z}\n", line: 3, column: 10, kind: .configValidationError, mentions: "${z}"),
        Case(bytes: Array("[a]\nx = 1\ny = ab".utf8) + [0xFF, 0x0A], line: 3, column: 7, kind: .configValidationError, mentions: "UTF-8"),
    ]

    @Test(arguments: cases)
    func errorPointsAtTheProblem(_ c: Case) throws {
        let result = c.bytes.withUnsafeBytes { raw in
            Result { () throws(ConfigFailure) in try Config.parseFailing(raw, interpolate: true, overrides: ConfigOverrides(), newlines: .lineFeed) }
        }
        guard case .failure(let failure) = result else {
            Issue.record("no error for \(String(decoding: c.bytes, as: UTF8.self).debugDescription)")
            return
        }
        #expect(failure.kind == c.kind, "\(failure.message)")
        #expect(failure.location == .text(line: c.line, column: c.column), "\(failure.message)")
        #expect(failure.message.contains(c.mentions), "\(failure.message)")
    }

    @Test func fileNameAndPlaceInDescription() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.cfg")
        try Data("[a]\nx = 1\n\n[a]\n".utf8).write(to: file)
        let error = try #require(throws: DecodingError.self) { try Config.load(contentsOf: file) }
        #expect(error.description.hasPrefix(file.path + ":4:1: error: duplicate section [a]"))
    }

    @Test func overrideErrorsNameTheOverride() {
        var overrides = ConfigOverrides()
        overrides.set("nope.x", .int(1))
        let error = #expect(throws: DecodingError.self) { try Config.parse("[a]\nx = 1\n", overrides: overrides) }
        #expect(error?.message.contains("nope.x") == true)
    }

    @Test func errorAfterOverridesPointsAtTheOriginalFile() throws {
        var overrides = ConfigOverrides()
        overrides.set("a.x", .int(1))
        let error = #expect(throws: DecodingError.self) {
            try Config.parse("[a]\nx = 0\n\n[b]\n# gap\ny = ${a.nope}\n", overrides: overrides)
        }
        #expect(error?.location == .text(line: 6, column: 5))
    }
}
