import PostgresNIO

/// Many rows of one table in one `INSERT`: each column's values travel as one array parameter
/// that the server unnests, so a run's hundreds of rows cost a statement per table instead of one
/// per row.
struct PostgresRowBatch {
    private let table: String
    private var columns: [String] = []
    private var values: [String] = []
    private var arrays: [String] = []
    private var bindings = PostgresBindings()

    init(into table: String) {
        self.table = table
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

    /// The statement; `suffix` follows it (e.g. `ON CONFLICT ... DO NOTHING`).
    func query(_ suffix: String = "") -> PostgresQuery {
        let names = (0..<arrays.count).map { "c\($0)" }.joined(separator: ", ")
        return PostgresQuery(
            unsafeSQL: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) SELECT \(values.joined(separator: ", ")) "
                + "FROM unnest(\(arrays.joined(separator: ", "))) AS u(\(names))\(suffix.isEmpty ? "" : " " + suffix)",
            binds: bindings
        )
    }

    /// Binds an array and names its element in the `SELECT`.
    private mutating func unnested<Value: PostgresArrayEncodable & PostgresNonThrowingEncodable>(_ values: [Value]) -> String {
        bindings.append(values)
        arrays.append("$\(bindings.count)")
        return "u.c\(arrays.count - 1)"
    }
}
