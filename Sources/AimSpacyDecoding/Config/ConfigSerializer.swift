import AimSpacyModel

/// confection's `serialize_config` (what `Config.to_str()` writes): sections breadth-first over the
/// nested dict, `key = json.dumps(value)` with `$` doubled, variables written raw, no trailing newline.
enum ConfigSerializer {
    private struct Section {
        var name: String
        var keys: [String] = []
        var values: [String: String] = [:]

        mutating func set(_ key: String, _ value: String) {
            if values.updateValue(value, forKey: key) == nil { keys.append(key) }
        }
    }

    static func string(_ root: JSONValue) throws(ConfigFailure) -> String {
        var defaults = Section(name: "DEFAULT")
        var sections: [Section] = []
        var index: [String: Int] = [:]
        var queue: [(path: [String], node: [(key: String, value: JSONValue)])] = []
        guard case .object(let top) = root else { return "" }
        queue.append(([], top))
        var q = 0
        while q < queue.count {
            let (path, node) = queue[q]
            q += 1
            let name = path.joined(separator: ".")
            let isKeywordSection = !path.isEmpty && path.last != "*"
            let hasLeaves = node.contains { if case .object = $0.value { return false } else { return true } }
            if (!path.isEmpty && hasLeaves) || isKeywordSection, index[name] == nil {
                guard name != "DEFAULT" else {
                    throw ConfigFailure(.other, .none, "cannot write a section named DEFAULT", path: name)
                }
                index[name] = sections.count
                sections.append(Section(name: name))
            }
            for (key, value) in node {
                if case .object(let members) = value {
                    queue.append((path + [key], members))
                    continue
                }
                let text = dump(value)
                try checkInterpolationSyntax(text, path: name.isEmpty ? key : name + "." + key)
                if name.isEmpty || name == "DEFAULT" {
                    defaults.set(key, text)
                } else if let i = index[name] {
                    sections[i].set(key, text)
                } else {
                    throw ConfigFailure(.other, .none, "no section [\(name)] to write '\(key)' into", path: name)
                }
            }
        }
        var out = ""
        if !defaults.keys.isEmpty { write(defaults, to: &out) }
        for section in sections { write(section, to: &out) }
        return PythonWhitespace.strip(out)
    }

    private static func write(_ section: Section, to out: inout String) {
        out += "[" + section.name + "]\n"
        for key in section.keys {
            out += key + " = " + (section.values[key] ?? "").replacing("\n", with: "\n\t") + "\n"
        }
        out += "\n"
    }

    /// `try_dump_json`: strings holding a `${…}` variable stay raw; everything else is
    /// `json.dumps`-ed and each `$` not followed by `{` is doubled.
    static func dump(_ value: JSONValue) -> String {
        if case .string(let s) = value, ConfigVariables.containsVariable(s) { return s }
        let json = PythonJSON.dumps(value)
        guard json.utf8.contains(UInt8(ascii: "$")) else { return json }
        var out = ""
        var scalars = json.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let c = pending {
            let next = scalars.next()
            out.unicodeScalars.append(c)
            if c == "$" && next != "{" { out += "$" }
            pending = next
        }
        return out
    }

    /// `ExtendedInterpolation.before_set`: after removing `$$` and `${…}`, no `$` may remain.
    private static func checkInterpolationSyntax(_ value: String, path: String) throws(ConfigFailure) {
        guard value.utf8.contains(UInt8(ascii: "$")) else { return }
        let bytes = Array(value.replacing("$$", with: "").utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "$") {
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{"),
                    let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: "}")), close > i + 2
                {
                    i = close + 1
                    continue
                }
                throw ConfigFailure(
                    .other, .none, "value of '\(path)' has a '$' configparser cannot write: '\(value)'", path: path)
            }
            i += 1
        }
    }
}
