import GRDB

extension RunRepository {
    /// How many runs the repository holds.
    public func runCount() throws(RepositoryError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") ?? 0 }
    }

    /// How many distinct displaCy renders are stored (each once, whatever the number of runs showing it).
    public func renderCount() throws(RepositoryError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM renders") ?? 0 }
    }
}
