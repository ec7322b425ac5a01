import AimSpacyBackendTestSupport
import AimSpacyModel
import AimSpacyPipeline
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Testing

/// `aim-spacy import` over the real fixture trainings, into a repository of each backend: every value
/// checked against the files spaCy wrote.
@Suite struct ImportTests {
    @Test(arguments: Backend.allCases)
    func nerTrainingSeriesEqualThePrintedTable(_ backend: Backend) async throws {
        guard let sandbox = try ImportSandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let folder = try sandbox.copyTraining("ner-aim")
        let report = try await sandbox.importing([folder])
        #expect(!report.failed)
        let run = try sandbox.run(report)
        #expect(run.name == "ner-aim")
        #expect(run.experiment == "alice-ner")
        #expect(run.complete)
        #expect(run.pipeline == ["tok2vec", "ner"])

        let table = PrintedTable.rows(try String(contentsOf: folder.appendingPathComponent("train.log"), encoding: .utf8))
        #expect(table.header == ["E", "#", "LOSS TOK2VEC", "LOSS NER", "ENTS_F", "ENTS_P", "ENTS_R", "SCORE"])
        #expect(table.rows.count == 13)
        let tok2vec = try #require(run.series(named: "loss", context: ["component": "tok2vec"]))
        let ner = try #require(run.series(named: "loss", context: ["component": "ner"]))
        let entsF = try #require(run.series(named: "ents_f"))
        let score = try #require(run.series(named: "score"))
        for (n, row) in table.rows.enumerated() {
            for series in [tok2vec, ner, entsF, score] {
                #expect(series.points[n].step == row.step)
                #expect(series.points[n].epoch == row.epoch)
            }
            #expect(tok2vec.points[n].value == row.values[0])
            #expect(ner.points[n].value == row.values[1])
            #expect(abs(entsF.points[n].value - row.values[2] / 100) < 1e-12)
            #expect(score.points[n].value == row.values[5])
        }
    }

    @Test(arguments: Backend.allCases)
    func spancatSeriesEqualTheJSONL(_ backend: Backend) async throws {
        guard let sandbox = try ImportSandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let folder = try sandbox.copyTraining("spancat-jsonl")
        let report = try await sandbox.importing([folder])
        let run = try sandbox.run(report)
        let lines = try String(contentsOf: folder.appendingPathComponent("training/log.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        let score = try #require(run.series(named: "score"))
        #expect(score.points.count == lines.count)
        for (n, line) in lines.enumerated() {
            let row = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(score.points[n].step == row["step"] as? Int)
            #expect(score.points[n].epoch == row["epoch"] as? Int)
            let losses = try #require(row["losses"] as? [String: Double])
            for (component, value) in losses {
                let series = try #require(run.series(named: "loss", context: ["component": component]))
                #expect(series.points[n].value == value)
            }
            let scores = try #require(row["scores"] as? [String: Any])
            for (name, value) in scores {
                guard let number = value as? Double, let series = run.series(named: name) else { continue }
                let expected = name == "speed" ? number : number / 100
                #expect(abs(series.points[n].value - expected) <= 1e-9 * max(1, abs(expected)))
            }
        }
    }

    @Test(arguments: Backend.allCases, ["ner-aim", "spancat-jsonl"])
    func finalScoresLabelsAndConfigEqualWhatSpacyWrote(_ backend: Backend, training: String) async throws {
        guard let sandbox = try ImportSandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let folder = try sandbox.copyTraining(training)
        let report = try await sandbox.importing([folder])
        let run = try sandbox.run(report)
        for model in ["model-best", "model-last"] {
            let meta = try #require(try JSONSerialization.jsonObject(
                with: Data(contentsOf: folder.appendingPathComponent("training/\(model)/meta.json"))) as? [String: Any])
            let performance = try #require(meta["performance"] as? [String: Any])
            let final = try #require(run.finalScores.first { $0.model == model })
            for (name, value) in performance {
                if let number = value as? Double { #expect(final.score(name) == number, "\(model) \(name)") }
            }
            if model == "model-last" {
                let labels = try #require(meta["labels"] as? [String: [String]])
                #expect(Dictionary(uniqueKeysWithValues: run.labels.map { ($0.component, $0.labels) }) == labels)
            }
        }
        let expected = try JSONValue.parse(
            String(contentsOf: Fixture.url("expected/config.trainings.\(training).training.model-last.config.json"), encoding: .utf8))
        #expect(sorted(run.hyperparameters) == sorted(expected))
        #expect(run.configText == (try String(contentsOf: folder.appendingPathComponent("training/model-last/config.cfg"), encoding: .utf8)))
        #expect(run.datasets.map(\.role) == ["train", "dev"])
        #expect(run.datasets.map(\.docs) == [575, 143])
    }

    @Test(arguments: Backend.allCases)
    func visualisationsFollowModelLogInterval(_ backend: Backend) async throws {
        guard let sandbox = try ImportSandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let folder = try sandbox.copyTraining("ner-aim")
        let report = try await sandbox.importing([folder]) {
            $0.vizPath = "corpus/dev.spacy"
            $0.modelLogInterval = 100
            $0.vizDocs = 4
        }
        let run = try sandbox.run(report)
        let sampled = run.visualisations.filter { $0.step != nil }
        #expect(sampled.compactMap(\.step) == [100, 200, 300, 400, 500, 600])
        #expect(sampled.allSatisfy { $0.style == "ent" && $0.renderIDs.count == 4 })
        #expect(Set(sampled.map(\.renderIDs)).count == 1)
        let evaluation = run.visualisations.filter { $0.step == nil }
        #expect(evaluation.count == 1)
        #expect(run.renders.count == 4 + Set(evaluation.flatMap(\.renderIDs)).count)
        for render in run.renders { #expect(render.id == SHA256.hex(Array(render.markup.utf8))) }
        #expect(run.sources.contains { $0.role == "viz" && $0.path.hasSuffix("corpus/dev.spacy") })
    }

    @Test(arguments: Backend.allCases)
    func reimportChangesNothingAndTheHashIgnoresTheLocation(_ backend: Backend) async throws {
        guard let sandbox = try ImportSandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let first = try sandbox.copyTraining("ner-aim")
        let second = try sandbox.copyTraining("ner-aim", as: "elsewhere", into: "other")
        let a = try await sandbox.importing([first])
        let before = try sandbox.store().summaries(including: [])
        let b = try await sandbox.importing([first])
        let c = try await sandbox.importing([second]) { $0.name = "ner-aim" }
        #expect(b.outcomes.map(\.status) == [.unchanged])
        #expect(c.outcomes.map(\.status) == [.unchanged])
        #expect(a.hashes == b.hashes && b.hashes == c.hashes)
        #expect(try sandbox.store().summaries(including: []) == before)
    }

    @Test(arguments: Backend.allCases)
    func aChangedFolderIsANewRunUnlessReplaced(_ backend: Backend) async throws {
        guard let sandbox = try ImportSandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let folder = try sandbox.copyTraining("ner-aim")
        let first = try await sandbox.importing([folder])
        let log = folder.appendingPathComponent("train.log")
        let text = try String(contentsOf: log, encoding: .utf8)
        try text.replacingOccurrences(of: "  2     600", with: "  2     601").write(to: log, atomically: true, encoding: .utf8)
        let second = try await sandbox.importing([folder])
        #expect(second.outcomes.map(\.status) == [.imported])
        #expect(second.hashes != first.hashes)
        #expect(try sandbox.store().summaries(including: []).count == 2)
        try text.replacingOccurrences(of: "  2     600", with: "  2     602").write(to: log, atomically: true, encoding: .utf8)
        let third = try await sandbox.importing([folder]) { $0.replace = true }
        #expect(third.outcomes.map(\.status) == [.replaced])
        #expect(try sandbox.store().summaries(including: []).map(\.hash) == third.hashes)
    }

    @Test(arguments: Backend.allCases)
    func anInterruptedTrainingIsMarkedAndSaysWhere(_ backend: Backend) async throws {
        guard let sandbox = try ImportSandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let folder = try sandbox.copyTraining("ner-aim")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("training/model-last"))
        let log = folder.appendingPathComponent("train.log")
        let lines = try String(contentsOf: log, encoding: .utf8).components(separatedBy: "\n")
        let cut = try #require(lines.firstIndex { $0.contains("  1     300") })
        try lines[...cut].joined(separator: "\n").write(to: log, atomically: true, encoding: .utf8)
        let report = try await sandbox.importing([folder])
        let run = try sandbox.run(report)
        #expect(!run.complete)
        #expect(run.warnings.contains("training interrupted after step 300"))
        #expect(run.steps == 7)
    }

    @Test(arguments: Backend.allCases)
    func aBrokenFileFailsItsTrainingOnlyAndNamesThePlace(_ backend: Backend) async throws {
        guard let sandbox = try ImportSandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let good = try sandbox.copyTraining("spancat-jsonl")
        let bad = try sandbox.copyTraining("ner-aim")
        let meta = bad.appendingPathComponent("training/model-best/meta.json")
        try Data("{\n  \"lang\": \"en\",\n  \"pipeline\": [\n}".utf8).write(to: meta)
        let result = try AimSpacyBinary.run(["import", good.path, bad.path, "--repo", sandbox.location])
        #expect(result.status != 0)
        let errors = result.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 1)
        #expect(errors.first?.contains(meta.path + ":4:1") == true)
        let runs = try sandbox.store().summaries(including: [])
        #expect(runs.map(\.name) == ["spancat-jsonl"])
    }

    /// A report that cannot be written after a good import: one `error:` line naming the file.
    @Test(arguments: Backend.allCases)
    func anUnwritableReportIsOneErrorLine(_ backend: Backend) throws {
        guard let sandbox = try ImportSandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let folder = try sandbox.copyTraining("ner-aim")
        let blocker = sandbox.root.appendingPathComponent("blocker")
        try Data().write(to: blocker)
        let result = try AimSpacyBinary.run([
            "import", folder.path, "--repo", sandbox.location, "--report", blocker.appendingPathComponent("site").path,
        ])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error: \(blocker.path)/site/"))
        #expect(!result.stderr.contains("error: error:"))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test(arguments: Backend.allCases)
    func missingPathsAndNonTrainingFilesAreErrors(_ backend: Backend) throws {
        guard let sandbox = try ImportSandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let stray = sandbox.root.appendingPathComponent("notes.txt")
        try Data("just notes\n".utf8).write(to: stray)
        let result = try AimSpacyBinary.run(["import", "/no/such/folder", stray.path, "--repo", sandbox.location])
        #expect(result.status != 0)
        #expect(result.stderr.contains("error: /no/such/folder: no such file or folder"))
        #expect(result.stderr.contains("error: \(stray.path): not a training file"))
    }

    @Test(arguments: Backend.allCases, [2, 4])
    func concurrentImportsIntoOneRepositoryAllSucceed(_ backend: Backend, processes: Int) throws {
        guard let sandbox = try ImportSandbox(on: backend) else { return }
        defer { sandbox.remove() }
        var folders: [URL] = []
        for n in 0..<processes {
            let folder = try sandbox.copyTraining("ner-aim", as: "copy-\(n)")
            let config = folder.appendingPathComponent("training/model-last/config.cfg")
            let text = try String(contentsOf: config, encoding: .utf8)
            try text.replacingOccurrences(of: "seed = 0", with: "seed = \(n + 1)").write(to: config, atomically: true, encoding: .utf8)
            folders.append(folder)
        }
        let statuses = Collected<(Int32, String)>()
        let paths = folders.map(\.path)
        DispatchQueue.concurrentPerform(iterations: processes) { n in
            let result = try? AimSpacyBinary.run(["import", paths[n], "--repo", sandbox.location, "--json"])
            statuses.append((result?.status ?? -1, result?.stderr ?? "did not run"))
        }
        #expect(statuses.all.allSatisfy { $0.0 == 0 }, "\(statuses.all)")
        #expect(try sandbox.store().summaries(including: []).count == processes)
    }

    @Test(arguments: Backend.allCases)
    func killingAnImportAtAnyMomentLeavesTheRepositoryConsistent(_ backend: Backend) throws {
        guard let sandbox = try ImportSandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let folders = try (0..<3).map { try sandbox.copyTraining("ner-aim", as: "kill-\($0)") }
        for (n, folder) in folders.enumerated() {
            let config = folder.appendingPathComponent("training/model-last/config.cfg")
            let text = try String(contentsOf: config, encoding: .utf8)
            try text.replacingOccurrences(of: "seed = 0", with: "seed = \(n + 7)").write(to: config, atomically: true, encoding: .utf8)
        }
        for round in 0..<6 {
            let process = Process()
            process.executableURL = AimSpacyBinary.url
            process.arguments = ["import"] + folders.map(\.path) + ["--repo", sandbox.location, "--viz-path", "corpus/dev.spacy",
                "--model-log-interval", "50", "--viz-docs", "20"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(20_000 + round * 60_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let repository = try sandbox.store()
        let check = try repository.check(fix: false)
        #expect(check.integrityProblems.isEmpty)
        #expect(check.missingObjects.isEmpty)
        for hash in try repository.hashes() {
            let run = try #require(try repository.run(hash: hash))
            #expect(run.steps == 13)
            #expect(run.visualisations.filter { $0.step != nil }.count == 12)
            #expect(run.sources.count == 11)
        }
        let finish = try AimSpacyBinary.run(["import"] + folders.map(\.path) + ["--repo", sandbox.location, "--viz-path",
            "corpus/dev.spacy", "--model-log-interval", "50", "--viz-docs", "20"])
        #expect(finish.status == 0)
        #expect(try repository.hashes().count == 3)
    }

    @Test(arguments: Backend.allCases)
    func anArchiveImportsAsTheSameRunsAsItsFolder(_ backend: Backend) async throws {
        guard let sandbox = try ImportSandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let folder = try sandbox.copyTraining("ner-aim")
        let direct = try await sandbox.importing([folder])
        let zip = sandbox.root.appendingPathComponent("ner.zip")
        _ = try ArchivePipeline.archive(paths: [folder], out: zip, includeModels: false, runsJSON: [:], report: [:])
        let fromArchive = try await sandbox.importing([zip])
        #expect(fromArchive.outcomes.map(\.status) == [.unchanged])
        #expect(fromArchive.hashes == direct.hashes)
    }

    /// An archive's files carry its fixed timestamp; the run's time comes from the runs' data the
    /// archive holds, so importing the archive later gives the training's own time.
    @Test(arguments: Backend.allCases)
    func anArchiveKeepsTheTrainingsTime(_ backend: Backend) async throws {
        guard let sandbox = try ImportSandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let folder = try sandbox.copyTraining("ner-aim")
        let trained = Date(timeIntervalSince1970: 1_700_000_000)
        let files = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
        for case let file as URL in files {
            try FileManager.default.setAttributes([.modificationDate: trained], ofItemAtPath: file.path)
        }
        let zip = sandbox.root.appendingPathComponent("ner.zip")
        _ = try ArchivePipeline.archiveCommand(arguments: [folder.path], out: zip, includeModels: false, includeReport: false)
        let imported = try await sandbox.importing([zip])
        let hash = try #require(imported.hashes.first)
        #expect(try sandbox.store().run(hash: hash)?.created == trained)
    }

    private func sorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): return .object(members.sorted { $0.key < $1.key }.map { ($0.key, sorted($0.value)) })
        case .array(let items): return .array(items.map(sorted))
        default: return value
        }
    }
}
