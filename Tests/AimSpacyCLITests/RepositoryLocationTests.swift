import AimSpacyTestSupport
import Foundation
import Testing

@testable import AimSpacyPipeline

/// A training does not choose where the tool writes: its `[training.logger] repo` is honoured only
/// as a relative path inside the current folder and never from an archive; `~` is expanded.
@Suite struct RepositoryLocationTests {
    struct Case: Sendable, CustomStringConvertible {
        var explicit: String?
        var configured: String?
        var fromArchive = false
        var environment: [String: String] = [:]
        var location: String
        var warns: Bool

        var description: String { "\(explicit ?? "-") \(configured ?? "-") \(environment) → \(location)" }
    }

    static let cases: [Case] = [
        Case(explicit: "flag", configured: "/etc", location: "flag", warns: false),
        Case(explicit: "~/repo", environment: ["HOME": "/home/me"], location: "/home/me/repo", warns: false),
        Case(explicit: "~", environment: ["HOME": "/home/me"], location: "/home/me", warns: false),
        Case(explicit: "~root/r", location: "/root/r", warns: false),
        Case(explicit: "~no-such-user-here/r", location: "~no-such-user-here/r", warns: false),
        Case(explicit: "postgresql://u@127.0.0.1/db", location: "postgresql://u@127.0.0.1/db", warns: false),
        Case(configured: "aim", location: "aim", warns: false),
        Case(configured: "./runs/../aim", location: "./runs/../aim", warns: false),
        Case(configured: "/srv/elsewhere", location: ".aim-spacy", warns: true),
        Case(configured: "../up", location: ".aim-spacy", warns: true),
        Case(configured: "a/../../up", location: ".aim-spacy", warns: true),
        Case(configured: "~/aim", environment: ["HOME": "/home/me"], location: ".aim-spacy", warns: true),
        Case(configured: "postgresql://127.0.0.1/db", location: ".aim-spacy", warns: true),
        Case(configured: "aim", fromArchive: true, location: ".aim-spacy", warns: true),
        Case(configured: "/srv/elsewhere", environment: ["AIM_SPACY_REPO": "~/env", "HOME": "/home/me"], location: "/home/me/env", warns: true),
        Case(environment: ["AIM_SPACY_REPO": "~/env", "HOME": "/home/me"], location: "/home/me/env", warns: false),
        Case(location: ".aim-spacy", warns: false),
    ]

    @Test(arguments: cases)
    func choice(_ c: Case) {
        let choice = RepositoryLocation.choose(
            explicit: c.explicit, configured: c.configured, configuredFromArchive: c.fromArchive,
            environment: c.environment, currentDirectory: "/nonexistent/project")
        #expect(choice.location == c.location)
        #expect((choice.warning != nil) == c.warns, "\(choice.warning ?? "no warning")")
    }

    /// A training whose AimLogger names an absolute repository: imported without `--repo`, the run goes
    /// to `./.aim-spacy` with one warning, and nothing is written where the training pointed.
    @Test func absoluteRepoOfATrainingIsIgnored() throws {
        let sandbox = try ImportSandbox()
        defer { sandbox.remove() }
        let ner = try sandbox.copyTraining("ner-aim")
        let elsewhere = sandbox.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        // The fixture's model-last config has the AimLogger with `repo = "aimrepo"`; point it elsewhere.
        let config = ner.appendingPathComponent("training/model-last/config.cfg")
        let text = try String(contentsOf: config, encoding: .utf8)
        #expect(text.contains("repo = \"aimrepo\""))
        try Data(text.replacingOccurrences(of: "repo = \"aimrepo\"", with: "repo = \"\(elsewhere.path)\"").utf8).write(to: config)
        let work = sandbox.root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["AIM_SPACY_REPO"] = nil
        let result = try AimSpacyBinary.run(["import", ner.path], in: work, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("repo \"\(elsewhere.path)\" ignored"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent(".aim-spacy/runs.sqlite").path))
    }

    @Test func tildeOfRepoIsTheHomeFolder() throws {
        let sandbox = try ImportSandbox()
        defer { sandbox.remove() }
        let ner = try sandbox.copyTraining("ner-aim")
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = sandbox.root.path
        let result = try AimSpacyBinary.run(["import", ner.path, "--repo", "~/home-repo"], in: ner, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent("home-repo/runs.sqlite").path))
        #expect(!FileManager.default.fileExists(atPath: ner.appendingPathComponent("~").path))
    }

    /// The fixture's relative `repo = "aimrepo"` counts for its folder, but not when it comes from an archive.
    @Test func repoOfATrainingFromAnArchiveIsIgnored() throws {
        let sandbox = try ImportSandbox()
        defer { sandbox.remove() }
        let ner = try sandbox.copyTraining("ner-aim")
        let zip = sandbox.root.appendingPathComponent("ner.zip")
        #expect(try AimSpacyBinary.run(["archive", ner.path, "--out", zip.path]).status == 0)
        var environment = ProcessInfo.processInfo.environment
        environment["AIM_SPACY_REPO"] = nil
        let folder = sandbox.root.appendingPathComponent("from-folder")
        let archive = sandbox.root.appendingPathComponent("from-archive")
        for work in [folder, archive] { try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true) }
        let plain = try AimSpacyBinary.run(["import", ner.path], in: folder, environment: environment)
        #expect(plain.status == 0 && !plain.stderr.contains("ignored"), "\(plain.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("aimrepo/runs.sqlite").path))
        let archived = try AimSpacyBinary.run(["import", zip.path], in: archive, environment: environment)
        #expect(archived.status == 0, "\(archived.stderr)")
        #expect(archived.stderr.contains("repo \"aimrepo\" ignored"), "\(archived.stderr)")
        #expect(!FileManager.default.fileExists(atPath: archive.appendingPathComponent("aimrepo").path))
        #expect(FileManager.default.fileExists(atPath: archive.appendingPathComponent(".aim-spacy/runs.sqlite").path))
    }
}
