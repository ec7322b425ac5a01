import AimSpacyTestSupport
import Foundation
import Testing

@testable import AimSpacyPipeline

/// Control characters in data (names, tags, experiments, paths) never reach the terminal raw from
/// human output: `runs`, `show`, `import` and error lines print them escaped.
@Suite struct TerminalOutputTests {
    /// Clear the screen, set the window title, the one-byte CSI, a bell and a carriage return.
    static let hostile = "\u{1b}[2J\u{1b}]0;pwned\u{7}x\u{9b}31m\r\u{7f}"

    /// The bytes a terminal acts on: C0 but tab and newline, DEL, and C1 (U+0080–U+009F).
    private func controls(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\t" && $0 != "\n") || (0x7f...0x9f).contains($0.value) }
    }

    @Test func escapedKeepsTabsAndNewlinesAndSpellsTheRest() {
        let escaped = TerminalText.escaped("a\tb\n" + Self.hostile)
        #expect(controls(escaped).isEmpty)
        #expect(escaped.hasPrefix("a\tb\n\\x1b[2J\\x1b]0;pwned\\x07x\\u{9b}31m\\x0d\\x7f"))
        #expect(TerminalText.escaped("plain ünïcödé") == "plain ünïcödé")
    }

    @Test func dataFromTheRepositoryIsEscapedInHumanOutput() throws {
        let sandbox = try ImportSandbox()
        defer { sandbox.remove() }
        let ner = try sandbox.copyTraining("ner-aim")
        let repo = sandbox.repo.path
        let imported = try AimSpacyBinary.run(
            ["import", ner.path, "--repo", repo, "--name", "n" + Self.hostile, "--experiment", "e" + Self.hostile, "--tag", "t" + Self.hostile])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(controls(imported.stdout).isEmpty && controls(imported.stderr).isEmpty, "\(imported.stdout)")
        #expect(imported.stdout.contains("n\\x1b[2J"))
        let runs = try AimSpacyBinary.run(["runs", "--repo", repo])
        #expect(runs.status == 0 && controls(runs.stdout).isEmpty, "\(runs.stdout)")
        #expect(runs.stdout.contains("e\\x1b[2J"))
        let show = try AimSpacyBinary.run(["show", "--repo", repo, "n" + Self.hostile])
        #expect(show.status == 0 && controls(show.stdout).isEmpty, "\(show.stdout)")
        #expect(show.stdout.contains("t\\x1b[2J"))
        let missing = try AimSpacyBinary.run(["show", "--repo", repo, "m" + Self.hostile])
        #expect(missing.status != 0 && controls(missing.stderr).isEmpty, "\(missing.stderr)")
        #expect(missing.stderr.contains("m\\x1b[2J"))
        // JSON keeps the data exact, escaped the JSON way.
        let json = try AimSpacyBinary.run(["runs", "--repo", repo, "--json"])
        #expect(json.stdout.contains("\\u001b[2J"))
    }

    /// An error inside a training is printed with one `error:` prefix.
    @Test func anErrorInsideATrainingHasOnePrefix() throws {
        let sandbox = try ImportSandbox()
        defer { sandbox.remove() }
        let ner = try sandbox.copyTraining("ner-aim")
        let log = try FileHandle(forWritingTo: ner.appendingPathComponent("train.log"))
        try log.seekToEnd()
        try log.write(contentsOf: Data("E    #\n".utf8))
        try log.close()
        let result = try AimSpacyBinary.run(["import", ner.path, "--repo", sandbox.repo.path])
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(lines.first.map { $0.components(separatedBy: "error:").count - 1 } == 1, "\(result.stderr)")
        #expect(result.stderr.contains("train.log:"))
    }
}
