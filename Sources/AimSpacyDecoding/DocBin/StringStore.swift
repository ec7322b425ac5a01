/// spaCy's `StringStore` as a DocBin's `strings` list rebuilds it: string ID → string, where the
/// ID of `""` is 0, of a symbol name its symbol ID, and of anything else its MurmurHash64A.
public struct StringStore: Sendable {
    private var strings: [UInt64: String] = [:]

    public init() {}

    /// The string ID spaCy gives `string` (`get_string_id`).
    public static func id(of string: String) -> UInt64 {
        if string.isEmpty { return 0 }
        if let symbol = Symbols.ids[string] { return symbol }
        return MurmurHash.hashString(string)
    }

    /// Interns a string (as `vocab[string]` does when a DocBin is loaded).
    public mutating func add(_ string: String) {
        let id = Self.id(of: string)
        if id >= Symbols.count { strings[id] = string }
    }

    /// Number of interned (non-symbol) strings.
    public var count: Int { strings.count }

    /// The string for an ID: 0 is `""`, symbol IDs their name, else an interned string, or `nil`.
    public subscript(id: UInt64) -> String? {
        if id < Symbols.count { return Symbols.names[Int(id)] }
        return strings[id]
    }
}
