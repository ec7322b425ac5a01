import AimSpacyModel

/// confection's `_replace_section_refs`: `"__SECTION__:name"` placeholders (left by `${name}`)
/// become the referenced section dict itself — the same object, as in Python.
struct SectionReferences {
    let root: ConfigDict
    let work: ConfigWork

    /// Replaces the placeholders below `node`, whose keys from the root are `path` (joined only
    /// for an error, so that a deep tree costs one step per node).
    func replace(in node: ConfigDict, path: inout [String]) throws(ConfigFailure) {
        for key in node.keys {
            guard let value = node[key] else { continue }
            work.steps += 1
            path.append(key)
            defer { path.removeLast() }
            switch value {
            case .dict(let d):
                try replace(in: d, path: &path)
            case .list(let items):
                var out: [ConfigItem] = []
                out.reserveCapacity(items.count)
                for item in items { out.append(try reference(item, path: path)) }
                node[key] = .list(out)
            case .scalar:
                node[key] = try reference(value, path: path)
            }
        }
    }

    /// `_get_section_ref`: the section for a placeholder, an error for a placeholder inside text.
    private func reference(_ item: ConfigItem, path keys: [String]) throws(ConfigFailure) -> ConfigItem {
        let prefix = ConfigInterpolator.sectionPrefix
        guard case .scalar(.string(var s)) = item else { return item }
        var path: String { keys.joined(separator: ".") }
        if s.hasPrefix("\"" + prefix), case .string(let unquoted)? = PythonJSON.loads(s) { s = unquoted }
        if s.hasPrefix(prefix) && s != prefix {
            var current = ConfigItem.dict(root)
            for part in ConfigBuilder.parts(String(s.dropFirst(prefix.count))) {
                guard case .dict(let d) = current, let next = d[part] else {
                    throw ConfigFailure(
                        .keyError, .none, "'\(path)' refers to section '\(s.dropFirst(prefix.count))', which does not exist", path: path)
                }
                current = next
            }
            return current
        }
        if s.contains(prefix) && s != prefix {
            throw ConfigFailure(
                .configValidationError, .none,
                "'\(path)' uses a section variable in a string or list; expected ${section} as the whole value or a list element", path: path)
        }
        return item
    }
}
