import PostgresNIO

/// The rows of several tables in one statement: each table's rows go by an `INSERT ... SELECT`
/// over arrays the server unnests (one array parameter per column), and the tables' inserts are
/// joined by `WITH`, so a run's hundreds of rows cost one statement instead of one per row.
/// Foreign keys are checked at the end of the statement, when every table's rows are in.
struct PostgresRowBatch {
    private var inserts: [String] = []
    private var bindings = PostgresBindings()
    private var columns: [String] = []
    private var values: [String] = []
    private var arrays: [String] = []

    /// Adds the rows of a table (none when `rows` is 0); `fill` gives its columns, and `suffix`
    /// follows the insert (e.g. `ON CONFLICT ... DO NOTHING`).
    mutating func table(_ table: String, rows: Int, suffix: String = "", _ fill: (inout PostgresRowBatch) -> Void) {
        guard rows > 0 else { return }
        columns = []
        values = []
        arrays = []
        fill(&self)
        let names = (0..<arrays.count).map { "c\($0)" }.joined(separator: ", ")
        inserts.append(
            "INSERT INTO \(table) (\(columns.joined(separator: ", "))) SELECT \(values.joined(separator: ", ")) "
                + "FROM unnest(\(arrays.joined(separator: ", "))) AS u(\(names))\(suffix.isEmpty ? "" : " " + suffix)"
        )
    }

    /// A column with the same value in every row.
    mutating func constant(_ column: String, _ value: String) {
        bindings.append(value)
        columns.append(column)
        values.append("$\(bindings.count)")
    }

    /// A column's values, one per row.
    mutating func column<Value: PostgresArrayEncodable & PostgresNonThrowingEncodable>(_ column: String, _ values: [Value]) {
        columns.append(column)
        self.values.append(unnested(values))
    }

    /// A column that may be NULL: the values (`placeholder` where there is none) and whether each
    /// is there, since arrays of optionals have no encoding here.
    mutating func column<Value: PostgresArrayEncodable & PostgresNonThrowingEncodable>(
        _ column: String, _ values: [Value?], placeholder: Value
    ) {
        columns.append(column)
        let value = unnested(values.map { $0 ?? placeholder })
        let absent = unnested(values.map { $0 == nil })
        self.values.append("CASE WHEN \(absent) THEN NULL ELSE \(value) END")
    }

    /// The statement, or `nil` when no table has rows.
    var query: PostgresQuery? {
        guard let last = inserts.last else { return nil }
        let earlier = inserts.dropLast().enumerated().map { "w\($0.offset) AS (\($0.element))" }
        return PostgresQuery(unsafeSQL: (earlier.isEmpty ? "" : "WITH " + earlier.joined(separator: ", ") + " ") + last, binds: bindings)
    }

    /// Binds an array and names its element in the `SELECT`.
    private mutating func unnested<Value: PostgresArrayEncodable & PostgresNonThrowingEncodable>(_ values: [Value]) -> String {
        bindings.append(values)
        arrays.append("$\(bindings.count)")
        return "u.c\(arrays.count - 1)"
    }
}
