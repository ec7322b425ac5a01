import AimSpacyModel
import Foundation
import GRDB

/// What `repo check` found.
public struct CheckReport: Sendable, Equatable {
    /// Lines of `PRAGMA integrity_check` other than `ok`, and foreign-key violations.
    public var integrityProblems: [String] = []
    /// Series whose packed points do not decode or disagree with their stored count, as
    /// `run HASH, series ORD (NAME): reason` (re-import the run to repair them).
    public var malformedSeries: [String] = []
    /// Objects that runs refer to but the store lacks, as `sha256 (run hash, path)`.
    public var missingObjects: [String] = []
    /// Objects no run refers to (e.g. left by an interrupted import).
    public var orphanObjects: [String] = []
    /// Renders no run shows.
    public var orphanRenders: [String] = []
    /// Temporary files of interrupted object writes.
    public var temporaryFiles: [String] = []
    /// What `--fix` removed.
    public var removed: [String] = []

    public init() {}

    /// True when nothing needs attention (besides what was fixed).
    public var isClean: Bool {
        integrityProblems.isEmpty && malformedSeries.isEmpty && missingObjects.isEmpty && orphanObjects.isEmpty && orphanRenders.isEmpty
            && temporaryFiles.isEmpty
    }
}

extension RunRepository {
    /// Checks the database's integrity, that every referenced object is present, and finds orphan
    /// objects and renders; with `fix`, removes the orphans (missing objects cannot be fixed here:
    /// re-import the run). An import stores its objects before it commits its run, so the check
    /// holds the writer lock (see `whileWriting`) and runs between the runs of imports in progress.
    public func check(fix: Bool = false) throws(RepositoryError) -> CheckReport {
        let lock = try FileLock(path: writerLockPath)
        defer { lock.unlock() }
        var report = CheckReport()
        let (integrity, foreignKeys, references, renders, series) = try read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row -> String in
                let table: String = row[0]
                let parent: String = row[2]
                let rowID: Int64? = row[1]
                return "foreign key violation in \(table)\(rowID.map { " (row \($0))" } ?? "") referring to \(parent)"
            }
            let references = try Row.fetchAll(db, sql: "SELECT sha256, run, path FROM sources ORDER BY sha256, run, path")
                .map { ($0["sha256"] as String, $0["run"] as String, $0["path"] as String) }
                + RunRepository.predictionReferences(db)
            let renders = try String.fetchAll(
                db, sql: "SELECT id FROM renders WHERE id NOT IN (SELECT render FROM run_renders) ORDER BY id"
            )
            return (integrity, foreignKeys, references, renders, try RunRepository.malformedSeries(db))
        }
        report.integrityProblems = integrity + foreignKeys
        report.malformedSeries = series
        let referenced = Set(references.map(\.0))
        report.missingObjects = references.filter { !objects.contains($0.0) }.map { "\($0.0) (run \($0.1), \($0.2))" }
        report.orphanObjects = objects.allObjects().filter { !referenced.contains($0) }
        report.orphanRenders = renders
        report.temporaryFiles = objects.temporaryFiles().map(\.path)
        guard fix else { return report }
        for sha in report.orphanObjects {
            try objects.remove(sha)
            report.removed.append("object \(sha)")
        }
        report.orphanObjects = []
        for path in report.temporaryFiles {
            try? FileManager.default.removeItem(atPath: path)
            report.removed.append("temporary file \(path)")
        }
        report.temporaryFiles = []
        if !report.orphanRenders.isEmpty {
            try write { db in try RunRepository.deleteUnreferencedRenders(db) }
            report.removed += report.orphanRenders.map { "render \($0)" }
            report.orphanRenders = []
        }
        return report
    }
}

extension RunRepository {
    /// Every series whose `points` blob does not decode, or decodes to another count than `count`.
    static func malformedSeries(_ db: Database) throws -> [String] {
        var problems: [String] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT run, ord, name, count, points FROM series ORDER BY run, ord")
        while let row = try rows.next() {
            let place = "run \(row["run"] as String), series \(row["ord"] as Int) (\(row["name"] as String))"
            guard let packed = row["points"] as Data? else {
                problems.append("\(place): no points")
                continue
            }
            do {
                let count = try PackedPoints.decode(packed).count
                let stored: Int = row["count"]
                if count != stored { problems.append("\(place): \(count) points, but the series records \(stored)") }
            } catch {
                problems.append("\(place): \(error)")
            }
        }
        return problems
    }
}
