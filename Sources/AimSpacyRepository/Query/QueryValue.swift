import AimSpacyModel

/// A value while a query is evaluated, with Python's truthiness and comparison rules (comparing
/// values of different types, or ordering `None`, is false rather than an error).
public enum QueryValue: Sendable, Equatable {
    case none
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([QueryValue])

    /// Python's `bool(x)`.
    public var isTruthy: Bool {
        switch self {
        case .none: return false
        case .bool(let b): return b
        case .number(let n): return n != 0 && !n.isNaN
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        }
    }

    /// A JSON value as a query sees it: objects become the list of their keys (so `"x" in obj` works).
    init(_ json: JSONValue?) {
        switch json {
        case nil, .null?: self = .none
        case .bool(let b)?: self = .bool(b)
        case .int(let i)?: self = .number(Double(i))
        case .double(let d)?: self = .number(d)
        case .string(let s)?: self = .string(s)
        case .array(let items)?: self = .list(items.map { QueryValue($0) })
        case .object(let members)?: self = .list(members.map { .string($0.key) })
        }
    }

    init(_ number: Double?) {
        self = number.map(QueryValue.number) ?? .none
    }

    static func equal(_ a: QueryValue, _ b: QueryValue) -> Bool {
        switch (a, b) {
        case (.bool(let x), .number(let y)), (.number(let y), .bool(let x)): return (x ? 1 : 0) == y
        default: return a == b
        }
    }

    static func order(_ a: QueryValue, _ b: QueryValue) -> Int? {
        switch (a, b) {
        case let (.number(x), .number(y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x > y ? 1 : 0)
        case let (.string(x), .string(y)): return x < y ? -1 : (x > y ? 1 : 0)
        case let (.bool(x), .bool(y)): return x == y ? 0 : (x ? 1 : -1)
        default: return nil
        }
    }

    /// Python's `a in b`: substring for strings, membership for lists; otherwise false.
    static func contains(_ container: QueryValue, _ element: QueryValue) -> Bool {
        switch (container, element) {
        case let (.string(haystack), .string(needle)): return needle.isEmpty || haystack.contains(needle)
        case let (.list(items), _): return items.contains { equal($0, element) }
        default: return false
        }
    }
}
