import AimSpacyModel
import AimSpacyPostgresRepository
import AimSpacyRepository
import Foundation

/// The commands over stored runs (`runs`, `show`, `metrics`, `rm`, `tag`, `untag`, `rename`,
/// `repo check`): each opens the repository, does its work and returns the text to print. Errors
/// come back as `PipelineError` with a one-line message (a query error adds the caret lines).
public enum RunCommands {
    /// Opens the repository at `location`, a `RepositoryLocation` choice (`--repo`, `$AIM_SPACY_REPO`
    /// or `./.aim-spacy` when `nil`): a `postgresql://` (or `postgres://`) URL is a PostgreSQL
    /// repository, anything else a folder. Commands that only read refuse a missing repository rather
    /// than creating an empty one.
    public static func openRepository(_ location: String?, create: Bool = false) throws(PipelineError) -> any RunStore {
        do {
            let chosen = chosenRepository(location)
            if PostgresLocation.isPostgres(chosen) {
                return try PostgresRepository(url: chosen, create: create)
            }
            return try RunRepository(directory: RunRepository.location(explicit: chosen), create: create)
        } catch {
            throw PipelineError(error.message)
        }
    }

    /// The repository `--repo` (or its absence) names: `$AIM_SPACY_REPO` or `./.aim-spacy` when
    /// `nil`, a leading `~` expanded; a URL untouched.
    static func chosenRepository(_ repo: String?) -> String {
        RepositoryLocation.choose(
            explicit: repo, environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath
        ).location
    }

    /// The repository folder `--repo` (or its absence) names.
    public static func directory(_ repo: String?) -> URL {
        RunRepository.location(explicit: chosenRepository(repo))
    }

    /// A `--repo` value as a run may record it: a PostgreSQL URL loses its password.
    static func recordable(_ repo: String) -> String {
        guard PostgresLocation.isPostgres(repo) else { return repo }
        return (try? PostgresLocation(repo).redacted) ?? "postgresql://(unreadable URL)"
    }

    /// The repository as it may be printed: a folder's path, or a URL without its password.
    static func printableLocation(_ repo: String?) -> String {
        let chosen = chosenRepository(repo)
        if PostgresLocation.isPostgres(chosen) { return recordable(chosen) }
        return RunRepository.location(explicit: chosen).path
    }

    /// `runs [--query EXPR] [--json]`.
    public static func runs(repo: String?, query: String?, json: Bool) throws(PipelineError) -> String {
        let compiled = try RunCommands.compile(query)
        let repository = try openRepository(repo)
        let summaries = try wrap { () throws(RepositoryError) in try repository.runs(matching: compiled) }
        if json {
            return JSONValue.array(summaries.map(summaryJSON)).serialized(indent: 2) + "\n"
        }
        var table = TextTable(["HASH", "EXPERIMENT", "NAME", "TAGS", "CREATED", "STEPS", "COMPLETE"])
        for run in summaries {
            table.append([
                String(run.hash.prefix(12)), run.experiment ?? "-", run.name, run.tags.joined(separator: ","),
                Run.timestamp(run.created), String(run.steps), run.complete ? "yes" : "no",
            ])
        }
        return table.text
    }

    /// The object `runs --json` prints for one run.
    public static func summaryJSON(_ run: RunSummary) -> JSONValue {
        .object(
            Run.summaryJSON(
                hash: run.hash, experiment: run.experiment, name: run.name, tags: run.tags,
                description: run.description, created: run.created, imported: run.imported, complete: run.complete,
                steps: run.steps
            ) + [("lang", .string(run.lang)), ("pipeline", .array(run.pipeline.map(JSONValue.string)))]
        )
    }

    /// `show RUN [--json]`.
    public static func show(repo: String?, run reference: String, json: Bool) throws(PipelineError) -> String {
        let repository = try openRepository(repo)
        let run = try load(reference, from: repository)
        if json { return run.jsonValue(points: false, markup: false).serialized(indent: 2) + "\n" }
        return RunDescription.text(run)
    }

    /// Output formats of `metrics`.
    public enum MetricsFormat: Sendable {
        case table, csv, json
    }

    /// `metrics RUN [--csv|--json]`: every point of every series.
    public static func metrics(repo: String?, run reference: String, format: MetricsFormat) throws(PipelineError) -> String {
        let repository = try openRepository(repo)
        let hash = try wrap { () throws(RepositoryError) in try repository.resolve(reference) }
        let series = try wrap { () throws(RepositoryError) in try repository.series(ofRun: hash) }
        switch format {
        case .csv: return MetricsExport.csv(series)
        case .json: return MetricsExport.json(series)
        case .table: return MetricsExport.table(series)
        }
    }

    /// `rm RUN...`: resolves every reference first, so a bad one removes nothing.
    public static func remove(repo: String?, runs references: [String]) throws(PipelineError) -> String {
        let repository = try openRepository(repo)
        let hashes = try wrap { () throws(RepositoryError) in try repository.resolveAll(references) }
        try wrap { () throws(RepositoryError) in try repository.remove(hashes: hashes) }
        return hashes.map { "removed \($0)\n" }.joined()
    }

    /// `tag RUN TAG...`.
    public static func tag(repo: String?, run reference: String, tags: [String]) throws(PipelineError) -> String {
        let repository = try openRepository(repo)
        let hash = try wrap { () throws(RepositoryError) in try repository.resolve(reference) }
        try wrap { () throws(RepositoryError) in try repository.tag(hash, with: tags) }
        return ""
    }

    /// `untag RUN TAG...`.
    public static func untag(repo: String?, run reference: String, tags: [String]) throws(PipelineError) -> String {
        let repository = try openRepository(repo)
        let hash = try wrap { () throws(RepositoryError) in try repository.resolve(reference) }
        try wrap { () throws(RepositoryError) in try repository.untag(hash, removing: tags) }
        return ""
    }

    /// `rename RUN NAME`.
    public static func rename(repo: String?, run reference: String, to name: String) throws(PipelineError) -> String {
        let repository = try openRepository(repo)
        let hash = try wrap { () throws(RepositoryError) in try repository.resolve(reference) }
        try wrap { () throws(RepositoryError) in try repository.rename(hash, to: name) }
        return ""
    }

    /// `repo check [--fix]`: the report's text, and whether the repository is clean.
    public static func check(repo: String?, fix: Bool) throws(PipelineError) -> (text: String, clean: Bool) {
        let repository = try openRepository(repo)
        let report = try wrap { () throws(RepositoryError) in try repository.check(fix: fix) }
        var lines: [String] = []
        lines += report.integrityProblems.map { "integrity: \($0)" }
        lines += report.malformedSeries.map { "malformed series: \($0) (re-import the run)" }
        lines += report.missingObjects.map { "missing object: \($0)" }
        lines += report.orphanObjects.map { "orphan object: \($0)" }
        lines += report.orphanRenders.map { "orphan render: \($0)" }
        lines += report.temporaryFiles.map { "temporary file: \($0)" }
        lines += report.removed.map { "removed \($0)" }
        if report.isClean { lines.append("ok: \(repository.location)") } else if !fix {
            lines.append("problems found; `aim-spacy repo check --fix` removes orphans")
        }
        return (lines.joined(separator: "\n") + "\n", report.isClean)
    }

    static func load(_ reference: String, from repository: any RunStore) throws(PipelineError) -> Run {
        let hash = try wrap { () throws(RepositoryError) in try repository.resolve(reference) }
        guard let run = try wrap({ () throws(RepositoryError) in try repository.run(hash: hash) }) else {
            throw PipelineError("run \(hash) disappeared while it was read")
        }
        return run
    }

    /// The compiled `--query`, or `nil` for none; a bad query is its located one-line error.
    static func compile(_ query: String?) throws(PipelineError) -> RunQuery? {
        do {
            return try query.map { text throws(QueryError) in try RunQuery(text) }
        } catch {
            throw PipelineError(error.description)
        }
    }

    static func wrap<T>(_ body: () throws(RepositoryError) -> T) throws(PipelineError) -> T {
        do {
            return try body()
        } catch {
            throw PipelineError(error.message)
        }
    }
}
