import AimSpacyModel

/// A mutable Python `dict` as confection builds it: reference semantics matter, because a
/// whole-section reference `${sec}` puts the *same* dict object in two places.
final class ConfigDict {
    private(set) var keys: [String] = []
    private var storage: [String: ConfigItem] = [:]

    subscript(key: String) -> ConfigItem? {
        get { storage[key] }
        set {
            guard let newValue else { return }
            if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
        }
    }

    /// Empties every dict reachable from this one, breaking the cycles that section references
    /// can create (`[a] x = ${a}`), which reference counting alone would leak.
    func dismantle() {
        var stack = [self]
        var seen = Set<ObjectIdentifier>()
        while let d = stack.popLast() {
            guard seen.insert(ObjectIdentifier(d)).inserted else { continue }
            for item in d.storage.values { item.collectDicts(into: &stack) }
            d.storage.removeAll()
            d.keys.removeAll()
        }
    }

    /// `dict.setdefault(key, {})` returning the dict, or `nil` when the key holds a non-dict.
    func child(_ key: String, create: Bool) -> ConfigDict? {
        if let existing = storage[key] {
            if case .dict(let d) = existing { return d }
            return nil
        }
        guard create else { return nil }
        let d = ConfigDict()
        self[key] = .dict(d)
        return d
    }
}

/// One value in the tree: a dict (section or inline JSON object), a list, or a JSON scalar.
enum ConfigItem {
    case scalar(JSONValue)
    case list([ConfigItem])
    case dict(ConfigDict)

    init(_ value: JSONValue) {
        switch value {
        case .array(let items): self = .list(items.map(ConfigItem.init))
        case .object(let members):
            let d = ConfigDict()
            for member in members { d[member.key] = ConfigItem(member.value) }
            self = .dict(d)
        default: self = .scalar(value)
        }
    }

    func collectDicts(into stack: inout [ConfigDict]) {
        switch self {
        case .scalar: break
        case .list(let items): for item in items { item.collectDicts(into: &stack) }
        case .dict(let d): stack.append(d)
        }
    }

    /// A bound on the nodes written out, since shared section references can multiply a tree.
    static let maximumNodes = 500_000

    /// The tree as a `JSONValue`; a dict that contains itself (a section referencing its own
    /// ancestor) cannot be written as JSON or cfg text and is reported as a cycle.
    /// `path` holds the keys from the root to this item (restored on return).
    func json(
        path: inout [String], visiting: inout Set<ObjectIdentifier>, nodes: inout Int, budget: inout ConfigBudget,
        work: ConfigWork
    ) throws(ConfigFailure) -> JSONValue {
        work.steps += 1
        nodes -= 1
        guard nodes > 0 else {
            throw ConfigFailure(.other, .none, "section references expand to more than \(Self.maximumNodes) values")
        }
        switch self {
        case .scalar(let v):
            let size = if case .string(let s) = v { s.utf8.count } else { 1 }
            do {
                try budget.spend(size, .none, "section references to '\(path.joined(separator: "."))'")
            } catch {
                throw ConfigFailure(error.kind, error.location, error.message, path: path.joined(separator: "."))
            }
            return v
        case .list(let items):
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for item in items {
                out.append(try item.json(path: &path, visiting: &visiting, nodes: &nodes, budget: &budget, work: work))
            }
            return .array(out)
        case .dict(let d):
            let id = ObjectIdentifier(d)
            guard visiting.insert(id).inserted else {
                throw ConfigFailure(
                    .other, .none,
                    "reference cycle: '\(path.joined(separator: "."))' refers to a section that contains it; expected a reference to a section outside it",
                    path: path.joined(separator: "."))
            }
            defer { visiting.remove(id) }
            var members: [(key: String, value: JSONValue)] = []
            members.reserveCapacity(d.keys.count)
            for key in d.keys {
                guard let item = d[key] else { continue }
                path.append(key)
                defer { path.removeLast() }
                members.append((key, try item.json(path: &path, visiting: &visiting, nodes: &nodes, budget: &budget, work: work)))
            }
            return .object(members)
        }
    }
}
