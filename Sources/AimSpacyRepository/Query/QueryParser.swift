/// The syntax tree of a query, before names are resolved. Columns are 1-based.
indirect enum QueryNode {
    case literal(QueryValue, column: Int)
    case name(String, column: Int)
    case attribute(QueryNode, String, column: Int)
    case index(QueryNode, QueryNode, column: Int)
    case call(QueryNode, arguments: [QueryNode], keywords: [(String, QueryNode)], column: Int)
    case list([QueryNode], column: Int)
    case not(QueryNode)
    case negate(QueryNode, column: Int)
    /// `a and b and c` as one node with its operands, as Python's `BoolOp`: a long chain stays flat.
    case and([QueryNode])
    case or([QueryNode])
    case compare(QueryNode, [(QueryComparison, QueryNode)])

    var column: Int {
        switch self {
        case .literal(_, let c), .name(_, let c), .index(_, _, let c), .call(_, _, _, let c), .list(_, let c),
            .negate(_, let c):
            return c
        case .attribute(let base, _, _): return base.column
        case .not(let n), .compare(let n, _): return n.column
        case .and(let operands), .or(let operands): return operands[0].column
        }
    }
}

/// A comparison operator, Python's set.
enum QueryComparison: Equatable {
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual, isIn, notIn, isSame, isNotSame
}

/// Recursive descent over Python's precedence: `or` < `and` < `not` < comparisons (chained, as in
/// Python) < unary minus < attribute access, calls and subscripts.
///
/// Nesting is limited to `maximumDepth` levels (brackets, calls, subscripts, `not`, signs and each
/// link of an attribute chain), so that the parser and every walk of the tree it returns use bounded
/// stack whatever the input; chains of `and`/`or` and comparisons are flat and do not nest.
struct QueryParser {
    /// Deeper than any query a person writes; far below what the stack of a worker thread allows.
    static let maximumDepth = 100

    private let expression: String
    private let tokens: [QueryToken]
    private var position = 0
    private var depth = 0

    private static let keywords: Set<String> = ["and", "or", "not", "in", "is", "True", "False", "None", "true", "false", "null"]

    init(_ expression: String) throws(QueryError) {
        self.expression = expression
        tokens = try QueryLexer.tokens(expression)
    }

    static func parse(_ expression: String) throws(QueryError) -> QueryNode {
        var parser = try QueryParser(expression)
        if case .end = parser.current.kind { throw parser.fail("empty query; expected an expression such as run.experiment == \"ner\"") }
        let node = try parser.parseOr()
        guard case .end = parser.current.kind else { throw parser.fail("unexpected \(parser.describe(parser.current)); expected an operator or the end of the query") }
        return node
    }

    private var current: QueryToken { tokens[position] }

    private func fail(_ message: String, at column: Int? = nil) -> QueryError {
        QueryError(expression: expression, column: column ?? current.column, message: message)
    }

    private func describe(_ token: QueryToken) -> String {
        switch token.kind {
        case .name(let n): return "'\(n)'"
        case .string(let s): return "string \"\(s)\""
        case .number(let n): return "number \(JSONValuePrinter.number(n))"
        case .symbol(let s): return "'\(s)'"
        case .end: return "end of query"
        }
    }

    private func isKeyword(_ word: String) -> Bool {
        if case .name(word) = current.kind { return true }
        return false
    }

    private func isSymbol(_ symbol: String) -> Bool {
        if case .symbol(symbol) = current.kind { return true }
        return false
    }

    private mutating func expect(_ symbol: String, _ what: String) throws(QueryError) {
        guard isSymbol(symbol) else { throw fail("expected \(what), found \(describe(current))") }
        position += 1
    }

    /// Enters one more level of nesting at the current token, refusing one level too many.
    private mutating func enter() throws(QueryError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw fail("expression nested more than \(Self.maximumDepth) levels deep; expected a flatter query")
        }
    }

    private mutating func parseOr() throws(QueryError) -> QueryNode {
        var operands = [try parseAnd()]
        while isKeyword("or") {
            position += 1
            operands.append(try parseAnd())
        }
        return operands.count == 1 ? operands[0] : .or(operands)
    }

    private mutating func parseAnd() throws(QueryError) -> QueryNode {
        var operands = [try parseNot()]
        while isKeyword("and") {
            position += 1
            operands.append(try parseNot())
        }
        return operands.count == 1 ? operands[0] : .and(operands)
    }

    private mutating func parseNot() throws(QueryError) -> QueryNode {
        if isKeyword("not") {
            try enter()
            position += 1
            let inner = try parseNot()
            depth -= 1
            return .not(inner)
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(QueryError) -> QueryNode {
        let first = try parseUnary()
        var rest: [(QueryComparison, QueryNode)] = []
        while let op = comparisonOperator() {
            rest.append((op, try parseUnary()))
        }
        return rest.isEmpty ? first : .compare(first, rest)
    }

    /// Consumes a comparison operator when one comes next.
    private mutating func comparisonOperator() -> QueryComparison? {
        switch current.kind {
        case .symbol("=="): position += 1; return .equal
        case .symbol("!="): position += 1; return .notEqual
        case .symbol("<"): position += 1; return .less
        case .symbol("<="): position += 1; return .lessOrEqual
        case .symbol(">"): position += 1; return .greater
        case .symbol(">="): position += 1; return .greaterOrEqual
        case .name("in"): position += 1; return .isIn
        case .name("not"):
            if case .name("in") = tokens[position + 1].kind {
                position += 2
                return .notIn
            }
            return nil
        case .name("is"):
            if case .name("not") = tokens[position + 1].kind {
                position += 2
                return .isNotSame
            }
            position += 1
            return .isSame
        default: return nil
        }
    }

    private mutating func parseUnary() throws(QueryError) -> QueryNode {
        if isSymbol("-") || isSymbol("+") {
            let negative = isSymbol("-")
            let column = current.column
            try enter()
            position += 1
            let inner = try parseUnary()
            depth -= 1
            return negative ? .negate(inner, column: column) : inner
        }
        return try parsePostfix()
    }

    /// A value followed by `.name`, `(...)` and `[...]` links; each link nests the value one level.
    private mutating func parsePostfix() throws(QueryError) -> QueryNode {
        var node = try parsePrimary()
        let outer = depth
        defer { depth = outer }
        while true {
            if isSymbol(".") || isSymbol("(") || isSymbol("[") { try enter() }
            if isSymbol(".") {
                position += 1
                guard case .name(let attribute) = current.kind else { throw fail("expected an attribute name after '.', found \(describe(current))") }
                node = .attribute(node, attribute, column: current.column)
                position += 1
            } else if isSymbol("(") {
                let column = current.column
                position += 1
                var arguments: [QueryNode] = []
                var keywords: [(String, QueryNode)] = []
                while !isSymbol(")") {
                    if case .name(let key) = current.kind, case .symbol("=") = tokens[position + 1].kind {
                        position += 2
                        keywords.append((key, try parseOr()))
                    } else {
                        guard keywords.isEmpty else { throw fail("positional argument after a keyword argument") }
                        arguments.append(try parseOr())
                    }
                    if isSymbol(",") { position += 1 } else if !isSymbol(")") { throw fail("expected ',' or ')', found \(describe(current))") }
                }
                position += 1
                node = .call(node, arguments: arguments, keywords: keywords, column: column)
            } else if isSymbol("[") {
                let column = current.column
                position += 1
                let key = try parseOr()
                try expect("]", "']'")
                node = .index(node, key, column: column)
            } else {
                return node
            }
        }
    }

    private mutating func parsePrimary() throws(QueryError) -> QueryNode {
        let token = current
        switch token.kind {
        case .number(let n):
            position += 1
            return .literal(.number(n), column: token.column)
        case .string(let s):
            position += 1
            return .literal(.string(s), column: token.column)
        case .name("True"), .name("true"):
            position += 1
            return .literal(.bool(true), column: token.column)
        case .name("False"), .name("false"):
            position += 1
            return .literal(.bool(false), column: token.column)
        case .name("None"), .name("null"):
            position += 1
            return .literal(.none, column: token.column)
        case .name(let name):
            guard !QueryParser.keywords.contains(name) else { throw fail("unexpected '\(name)'; expected a value") }
            position += 1
            return .name(name, column: token.column)
        case .symbol("("):
            try enter()
            position += 1
            let inner = try parseOr()
            try expect(")", "')' to close the '(' at column \(token.column)")
            depth -= 1
            return inner
        case .symbol("["):
            try enter()
            defer { depth -= 1 }
            position += 1
            var items: [QueryNode] = []
            while !isSymbol("]") {
                items.append(try parseOr())
                if isSymbol(",") { position += 1 } else if !isSymbol("]") { throw fail("expected ',' or ']', found \(describe(current))") }
            }
            position += 1
            return .list(items, column: token.column)
        default:
            throw fail("expected a value, found \(describe(token))")
        }
    }
}

/// Numbers as a query's messages show them (`3` rather than `3.0` for whole numbers).
enum JSONValuePrinter {
    static func number(_ n: Double) -> String {
        if n.rounded() == n && abs(n) < 1e15 { return String(Int(n)) }
        return "\(n)"
    }
}
