import AimSpacyModel
import AimSpacyRepository
import PostgresNIO

extension PostgresRepository {
    /// Deletes runs (one transaction) and the renders no remaining run shows; their objects stay
    /// until `repo check --fix`, since another import may be about to refer to them.
    public func remove(hashes: [String]) throws(RepositoryError) {
        try session.transaction { calls in
            for hash in hashes { try PostgresRepository.requireRun(hash, calls) }
            _ = try PostgresRepository.deleteRuns(hashes, calls)
        }
    }

    public func tag(_ hash: String, with tags: [String]) throws(RepositoryError) {
        try session.transaction { calls in
            try PostgresRepository.requireRun(hash, calls)
            var next = (try calls.row("SELECT max(ord) FROM aim_spacy.tags WHERE run = \(hash)")?[0].decode(Int?.self) ?? -1) + 1
            for tag in tags {
                try calls.execute("INSERT INTO aim_spacy.tags (run, ord, tag) VALUES (\(hash), \(next), \(tag)) ON CONFLICT DO NOTHING")
                next += 1
            }
        }
    }

    public func untag(_ hash: String, removing tags: [String]) throws(RepositoryError) {
        try session.transaction { calls in
            try PostgresRepository.requireRun(hash, calls)
            try calls.execute("DELETE FROM aim_spacy.tags WHERE run = \(hash) AND tag = ANY(\(tags))")
        }
    }

    public func rename(_ hash: String, to name: String) throws(RepositoryError) {
        guard !name.isEmpty else { throw RepositoryError("a run's name cannot be empty") }
        try session.transaction { calls in
            try PostgresRepository.requireRun(hash, calls)
            try calls.execute("UPDATE aim_spacy.runs SET name = \(name) WHERE hash = \(hash)")
        }
    }

    /// Locks the run's row for the rest of the transaction, or fails when there is none.
    private static func requireRun(_ hash: String, _ calls: PostgresCalls) throws {
        if try calls.row("SELECT 1 FROM aim_spacy.runs WHERE hash = \(hash) FOR UPDATE") == nil {
            throw RepositoryError("no run \(hash)")
        }
    }
}
