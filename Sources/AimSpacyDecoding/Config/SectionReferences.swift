import AimSpacyModel

/// confection's `_replace_section_refs`: `"__SECTION__:name"` placeholders (left by `${name}`)
/// become the referenced section dict itself — the same object, as in Python.
struct SectionReferences {
    let root: ConfigDict

    func replace(in node: ConfigDict, parent: String) throws(ConfigFailure) {
        for key in node.keys {
            guard let value = node[key] else { continue }
            let path = parent.isEmpty ? key : parent + "." + key
            switch value {
            case .dict(let d):
                try replace(in: d, parent: path)
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
    private func reference(_ item: ConfigItem, path: String) throws(ConfigFailure) -> ConfigItem {
        let prefix = ConfigInterpolator.sectionPrefix
        guard case .scalar(.string(var s)) = item else { return item }
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
