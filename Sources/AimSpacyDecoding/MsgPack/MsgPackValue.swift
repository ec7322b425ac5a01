/// A whole MessagePack value as a tree, for the small free-form parts of a file (cats, user data).
/// Strings are decoded; bin and ext payloads stay byte ranges into the reader's buffer.
public indirect enum MsgPackValue: Equatable, Sendable {
    case `nil`
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case float(Double)
    case string(String)
    case binary(Range<Int>)
    case array([MsgPackValue])
    /// Keys may be any value (DocBin user data uses arrays and bin as keys).
    case map([(key: MsgPackValue, value: MsgPackValue)])
    case ext(type: Int8, Range<Int>)

    public static func == (lhs: MsgPackValue, rhs: MsgPackValue) -> Bool {
        switch (lhs, rhs) {
        case (.nil, .nil): true
        case let (.bool(a), .bool(b)): a == b
        case let (.int(a), .int(b)): a == b
        case let (.uint(a), .uint(b)): a == b
        case let (.float(a), .float(b)): a == b || (a.isNaN && b.isNaN)
        case let (.string(a), .string(b)): a == b
        case let (.binary(a), .binary(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.map(a), .map(b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.ext(t1, r1), .ext(t2, r2)): t1 == t2 && r1 == r2
        default: false
        }
    }

    /// The value of a map member whose key is this str.
    public subscript(key: String) -> MsgPackValue? {
        guard case .map(let members) = self else { return nil }
        return members.first { $0.key == .string(key) }?.value
    }
}

extension MsgPackReader {
    /// Deepest nesting accepted by `readValue`, so hostile input cannot exhaust the stack.
    public static let maxDepth = 512

    /// Reads one complete value as a tree.
    public mutating func readValue() throws(DecodingError) -> MsgPackValue {
        try readValue(depth: 0)
    }

    private mutating func readValue(depth: Int) throws(DecodingError) -> MsgPackValue {
        guard depth < Self.maxDepth else { throw error("msgpack nesting deeper than \(Self.maxDepth)") }
        let start = offset
        switch try next() {
        case .nil: return .nil
        case .bool(let b): return .bool(b)
        case .int(let v): return .int(v)
        case .uint(let v): return .uint(v)
        case .float(let v): return .float(v)
        case .string(let r):
            guard let text = String(validating: slice(r), as: UTF8.self) else {
                throw error("invalid UTF-8 in msgpack str", at: start)
            }
            return .string(text)
        case .binary(let r): return .binary(r)
        case .ext(let type, let r): return .ext(type: type, r)
        case .array(let n):
            var items: [MsgPackValue] = []
            items.reserveCapacity(n)
            for _ in 0..<n { items.append(try readValue(depth: depth + 1)) }
            return .array(items)
        case .map(let n):
            var members: [(key: MsgPackValue, value: MsgPackValue)] = []
            members.reserveCapacity(n)
            for _ in 0..<n {
                let key = try readValue(depth: depth + 1)
                let value = try readValue(depth: depth + 1)
                members.append((key, value))
            }
            return .map(members)
        }
    }
}
