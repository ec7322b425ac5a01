import Foundation
import GRDB

extension RunRepository {
    /// The hash of the run a user means by `reference`: a full hash, a unique hash prefix, or a
    /// name. An ambiguous reference is an error listing the candidates.
    /// The hashes `references` mean, each once, in the order first named; any bad reference fails all.
    public func resolveAll(_ references: [String]) throws(RepositoryError) -> [String] {
        var hashes: [String] = []
        for reference in references {
            let hash = try resolve(reference)
            if !hashes.contains(hash) { hashes.append(hash) }
        }
        return hashes
    }

    public func resolve(_ reference: String) throws(RepositoryError) -> String {
        let matches = try read { db -> [(hash: String, name: String)] in
            if let exact = try Row.fetchOne(db, sql: "SELECT hash, name FROM runs WHERE hash = ?", arguments: [reference]) {
                return [(exact["hash"], exact["name"])]
            }
            let escaped = reference.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            let byPrefix = try Row.fetchAll(
                db, sql: "SELECT hash, name FROM runs WHERE hash LIKE ? ESCAPE '\\' ORDER BY hash",
                arguments: [escaped + "%"]
            )
            if !byPrefix.isEmpty || reference.isEmpty { return byPrefix.map { ($0["hash"], $0["name"]) } }
            return try Row.fetchAll(db, sql: "SELECT hash, name FROM runs WHERE name = ? ORDER BY hash", arguments: [reference])
                .map { ($0["hash"], $0["name"]) }
        }
        return try RunResolution.pick(reference, matches)
    }

    /// Deletes runs (one transaction) and the renders no remaining run shows. Their objects stay
    /// in the store until `repo check --fix`, since another import may be about to refer to them.
    public func remove(hashes: [String]) throws(RepositoryError) {
        try write { db in
            for hash in hashes {
                try RunRepository.requireRun(hash, db)
            }
            _ = try RunRepository.deleteRuns(hashes, db)
        }
    }

    /// Adds tags (those already present are kept where they are).
    public func tag(_ hash: String, with tags: [String]) throws(RepositoryError) {
        try write { db in
            try RunRepository.requireRun(hash, db)
            var next = (try Int.fetchOne(db, sql: "SELECT MAX(ord) FROM tags WHERE run = ?", arguments: [hash]) ?? -1) + 1
            for tag in tags {
                try db.execute(sql: "INSERT OR IGNORE INTO tags (run, ord, tag) VALUES (?, ?, ?)", arguments: [hash, next, tag])
                next += 1
            }
        }
    }

    /// Removes tags; removing a tag the run does not have is not an error.
    public func untag(_ hash: String, removing tags: [String]) throws(RepositoryError) {
        try write { db in
            try RunRepository.requireRun(hash, db)
            for tag in tags {
                try db.execute(sql: "DELETE FROM tags WHERE run = ? AND tag = ?", arguments: [hash, tag])
            }
        }
    }

    /// Gives a run a new display name.
    public func rename(_ hash: String, to name: String) throws(RepositoryError) {
        guard !name.isEmpty else { throw RepositoryError("a run's name cannot be empty") }
        try write { db in
            try RunRepository.requireRun(hash, db)
            try db.execute(sql: "UPDATE runs SET name = ? WHERE hash = ?", arguments: [name, hash])
        }
    }

    private static func requireRun(_ hash: String, _ db: Database) throws {
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM runs WHERE hash = ?", arguments: [hash]) != true {
            throw RepositoryError("no run \(hash)")
        }
    }
}
