import AimSpacyModel
import Foundation

/// What the commands need of a run repository, whichever engine keeps it: a folder with SQLite
/// (`RunRepository`) or a PostgreSQL database shared by a team. Every call is one transaction (or
/// none); the messages of thrown errors never hold a password.
///
/// An import writes a run this way: in `whileWriting { ... }`, `storeObject` for every source file,
/// then `insert(run, replace:replacing:)`, which says `.unchanged` for a run already stored. A crash
/// between the two leaves only orphan objects, which `check(fix:)` reports and removes.
public protocol RunStore: Sendable {
    /// Where the repository is, as it may be printed: a folder path, or a URL without its password.
    var location: String { get }

    /// Runs `body` while holding the repository's writer lock shared, so that `check` (exclusive)
    /// never takes the objects of a run not yet committed for orphans.
    func whileWriting<T>(_ body: () throws(RepositoryError) -> T) throws(RepositoryError) -> T

    /// Copies a file into the object store (streaming) and returns its sha256. With `knownSHA256`,
    /// an object already present is not read again, and a file that changed since is refused.
    @discardableResult
    func storeObject(contentsOf source: URL, knownSHA256: String?) throws(RepositoryError) -> String

    /// Stores bytes held in memory and returns their sha256.
    @discardableResult
    func storeObject(data: Data) throws(RepositoryError) -> String

    /// Whether the object is present.
    func containsObject(_ sha256: String) throws(RepositoryError) -> Bool

    /// Streams an object's bytes to `consume`, in pieces of at most a few MiB.
    func readObject(_ sha256: String, into consume: (Data) throws(RepositoryError) -> Void) throws(RepositoryError)

    /// A file holding each object (by sha256): the store's own file where it has one, else a copy
    /// written into `directory`, which the caller removes when done.
    func objectFiles(_ sha256s: [String], in directory: URL) throws(RepositoryError) -> [String: URL]

    /// Writes a run in one transaction (see `RunRepository.insert`).
    @discardableResult
    func insert(_ run: Run, replace: Bool, replacing: [String]) throws(RepositoryError) -> InsertOutcome

    /// Attaches prediction sets to a stored run in one transaction (`PredictionMerge`'s rule: a new
    /// model and gold is attached, the same predicted DocBin is unchanged, a different one is refused
    /// unless `replace`). The DocBins of every set must already be in the object store.
    func attachPredictions(_ sets: [PredictionSet], toRun hash: String, replace: Bool) throws(RepositoryError) -> AttachOutcome

    /// The prediction sets of a run, in order.
    func predictions(ofRun hash: String) throws(RepositoryError) -> [PredictionSet]

    /// Whether a run with this hash is stored.
    func contains(hash: String) throws(RepositoryError) -> Bool

    /// The hashes of every run, oldest creation first.
    func hashes() throws(RepositoryError) -> [String]

    /// The hashes of the runs with this name and experiment, oldest creation first.
    func hashes(named name: String, experiment: String?) throws(RepositoryError) -> [String]

    /// The hash a user means by a full hash, a unique hash prefix or a name.
    func resolve(_ reference: String) throws(RepositoryError) -> String

    /// The whole run, equal to the value inserted, or `nil`.
    func run(hash: String) throws(RepositoryError) -> Run?

    /// The points of every series of a run.
    func series(ofRun hash: String) throws(RepositoryError) -> [MetricSeries]

    /// Every run's summary, oldest creation first, with the optional `parts` loaded.
    func summaries(including parts: SummaryParts) throws(RepositoryError) -> [RunSummary]

    /// The runs a query selects (all for `nil`), oldest creation first.
    func runs(matching query: RunQuery?) throws(RepositoryError) -> [RunSummary]

    /// Deletes runs in one transaction, and the renders no remaining run shows.
    func remove(hashes: [String]) throws(RepositoryError)

    /// Adds tags; those already present stay where they are.
    func tag(_ hash: String, with tags: [String]) throws(RepositoryError)

    /// Removes tags; a tag the run lacks is not an error.
    func untag(_ hash: String, removing tags: [String]) throws(RepositoryError)

    /// Gives a run a new display name.
    func rename(_ hash: String, to name: String) throws(RepositoryError)

    /// Checks integrity and objects; with `fix`, removes what is reclaimable.
    func check(fix: Bool) throws(RepositoryError) -> CheckReport
}

extension RunStore {
    /// The hashes `references` mean, each once, in the order first named; any bad reference fails all.
    public func resolveAll(_ references: [String]) throws(RepositoryError) -> [String] {
        var hashes: [String] = []
        for reference in references {
            let hash = try resolve(reference)
            if !hashes.contains(hash) { hashes.append(hash) }
        }
        return hashes
    }

    /// The runs with these hashes, in that order; hashes no longer stored are skipped.
    public func runs(hashes: [String]) throws(RepositoryError) -> [Run] {
        var runs: [Run] = []
        for hash in hashes {
            if let found = try run(hash: hash) { runs.append(found) }
        }
        return runs
    }
}

/// What a run reference means, one rule for every engine.
package enum RunResolution {
    /// `matches` are the runs a reference found (exact hash, else by prefix, else by name).
    package static func pick(_ reference: String, _ matches: [(hash: String, name: String)]) throws(RepositoryError) -> String {
        if matches.count == 1 { return matches[0].hash }
        if matches.isEmpty { throw RepositoryError("no run matches '\(reference)' (give a hash, a unique hash prefix or a name)") }
        var candidates = matches.prefix(10).map { "\($0.hash.prefix(12)) (\($0.name))" }
        if matches.count > 10 { candidates.append("and \(matches.count - 10) more") }
        throw RepositoryError("'\(reference)' is ambiguous; it matches \(candidates.joined(separator: ", "))")
    }
}
