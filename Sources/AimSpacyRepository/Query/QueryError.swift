/// A query that cannot be parsed or names something unknown: where (1-based column, in characters)
/// and what, shown with the expression and a caret under the place.
public struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var expression: String
    public var column: Int
    public var message: String

    public init(expression: String, column: Int, message: String) {
        self.expression = expression
        self.column = column
        self.message = message
    }

    public var description: String {
        let caret = String(repeating: " ", count: max(0, column - 1)) + "^"
        return "query:1:\(column): error: \(message)\n  \(expression)\n  \(caret)"
    }
}
