import AimSpacyModel

/// The interpolated config as nested `<details>` sections, and flattened to dotted keys for diffs.
enum ConfigTree {
    /// HTML for the tree: top-level sections open, deeper ones collapsed.
    static func html(_ value: JSONValue) -> String {
        guard case .object(let members) = value else { return "" }
        var out = ""
        for member in members { section(member.key, member.value, depth: 0, to: &out) }
        return out
    }

    private static func section(_ key: String, _ value: JSONValue, depth: Int, to out: inout String) {
        guard case .object(let members) = value else { return }
        out += depth < 1 ? "<details open=\"open\">" : "<details>"
        out += "<summary>\(ReportText.escape(key)) <span class=\"muted\">(\(members.count))</span></summary>"
        let leaves = members.filter { if case .object = $0.value { return false } else { return true } }
        if !leaves.isEmpty {
            out += "<table><tbody>"
            for leaf in leaves {
                out += "<tr><td class=\"key\">\(ReportText.escape(leaf.key))</td><td><code>\(ReportText.escape(display(leaf.value)))</code></td></tr>"
            }
            out += "</tbody></table>"
        }
        for member in members {
            if case .object = member.value { section(member.key, member.value, depth: depth + 1, to: &out) }
        }
        out += "</details>"
    }

    /// A leaf as the config shows it: strings bare, everything else as JSON.
    static func display(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        return value.serialized()
    }

    /// Every leaf by dotted key, in document order (empty objects count as leaves).
    static func flatten(_ value: JSONValue) -> [(key: String, value: String)] {
        var out: [(String, String)] = []
        func walk(_ prefix: String, _ v: JSONValue) {
            if case .object(let members) = v, !members.isEmpty {
                for m in members { walk(prefix.isEmpty ? m.key : prefix + "." + m.key, m.value) }
            } else if !prefix.isEmpty {
                out.append((prefix, display(v)))
            }
        }
        walk("", value)
        return out
    }
}
