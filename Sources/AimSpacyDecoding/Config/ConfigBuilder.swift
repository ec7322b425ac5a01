import AimSpacyModel

/// confection's `parse_config`: configparser text → validated → nested dict skeleton → values
/// (interpolated or raw) → overrides → whole-section references.
struct ConfigBuilder {
    let text: ConfigText
    let interpolate: Bool
    let overrides: ConfigOverrides

    func build() throws(ConfigFailure) -> JSONValue {
        do {
            return try buildTree()
        } catch {
            var failure = error
            if failure.location == .none, let path = failure.path { failure.location = location(ofPath: path) }
            throw failure
        }
    }

    /// The place of the value at a dotted path (`section.key`), or of the section itself; a path
    /// that runs through substituted sections is shortened until it names something in the file.
    func location(ofPath path: String) -> DecodingError.Location {
        var parts = Self.parts(path)
        while !parts.isEmpty {
            if parts.count > 1,
                let option = text.section(parts.dropLast().joined(separator: "."))?.option(parts[parts.count - 1])
            {
                return (option.pieces.first?.position ?? option.keyPosition).location
            }
            if let section = text.section(parts.joined(separator: ".")) { return section.position.location }
            parts.removeLast()
        }
        return .none
    }

    private func buildTree() throws(ConfigFailure) -> JSONValue {
        try validateText()
        try validateOverrides()
        let root = ConfigDict()
        defer { root.dismantle() }
        try buildSkeleton(root)
        try fillValues(root)
        try applyOverrides(root)
        let sectionReferences = SectionReferences(root: root)
        try sectionReferences.replace(in: root, parent: "")
        var visiting = Set<ObjectIdentifier>()
        var budget = ConfigItem.maximumNodes
        return try ConfigItem.dict(root).json(path: [], visiting: &visiting, budget: &budget)
    }

    /// `_validate_configparser`: no `[DEFAULT]` values, every parent declared, no key/section clash.
    private func validateText() throws(ConfigFailure) {
        if let first = text.defaults.options.first {
            throw ConfigFailure(
                .configValidationError, first.keyPosition.location,
                "found config values without a top-level section: '\(first.key)' is in [DEFAULT]; expected a named section")
        }
        // Every (section name, first part below it) pair, for the key/subsection clash check.
        var children: [String: [(child: String, section: ConfigText.Section)]] = [:]
        for other in text.sections {
            let name = Array(other.name.utf8)
            for (i, byte) in name.enumerated() where byte == UInt8(ascii: ".") {
                let rest = name[(i + 1)...]
                let child = rest.firstIndex(of: UInt8(ascii: ".")).map { rest[..<$0] } ?? rest
                children[String(decoding: name[..<i], as: UTF8.self), default: []].append(
                    (String(decoding: child, as: UTF8.self), other))
            }
        }
        for section in text.sections {
            let path = Self.parts(section.name)
            for i in 1..<max(path.count, 1) where path[i - 1] != "*" {
                let parent = path[..<i].joined(separator: ".")
                if text.sectionIndex[parent] == nil && !path[..<i].contains("*") {
                    throw ConfigFailure(
                        .configValidationError, section.position.location,
                        "section '\(path[i - 1])' is not defined: [\(section.name)] needs a [\(parent)] section before it")
                }
            }
            for (child, other) in children[section.name] ?? []
            where section.index[child] != nil || text.defaults.index[child] != nil {
                throw ConfigFailure(
                    .configValidationError, other.position.location,
                    "found conflicting values: [\(other.name)] is a section but '\(child)' is also a key of [\(section.name)]")
            }
        }
    }

    private func validateOverrides() throws(ConfigFailure) {
        for entry in overrides.entries {
            let path = entry.path
            guard let dot = path.lastIndex(of: ".") else {
                throw ConfigFailure(
                    .configValidationError, .none,
                    "override '\(path)' is not a section value that can be overridden; expected section.key")
            }
            let section = String(path[..<dot])
            guard text.hasSectionOrDefault(section) else {
                throw ConfigFailure(
                    .configValidationError, .none,
                    "override '\(path)' is not a section value that can be overridden: no section [\(section)]")
            }
        }
    }

    /// Phase 1: nested dicts from section names, in file order; a parent must come first.
    private func buildSkeleton(_ root: ConfigDict) throws(ConfigFailure) {
        for section in text.sections {
            let parts = Self.parts(section.name)
            var node = root
            for part in parts.dropLast() {
                guard let next = node.child(part, create: part == "*") else {
                    throw ConfigFailure(
                        .keyError, section.position.location,
                        "section [\(section.name)] comes before its parent section '\(part)'; expected parents first")
                }
                node = next
            }
            _ = node.child(parts[parts.count - 1], create: true)
        }
    }

    /// Phase 2: values, section by section in order of depth (stable), each JSON-interpreted.
    private func fillValues(_ root: ConfigDict) throws(ConfigFailure) {
        let interpolator = ConfigInterpolator(text: text)
        let ordered = text.sections.enumerated().sorted {
            let a = Self.parts($0.element.name).count
            let b = Self.parts($1.element.name).count
            return a != b ? a < b : $0.offset < $1.offset
        }
        for (_, section) in ordered {
            var node = root
            for part in Self.parts(section.name) {
                guard let next = node.child(part, create: false) else {
                    throw ConfigFailure(.other, section.position.location, "section [\(section.name)] is shadowed by a value")
                }
                node = next
            }
            for option in section.options {
                let value = interpolate ? try interpolator.value(section: section.name, option: option.key) : option.value
                node[option.key] = ConfigItem(Self.interpret(value))
            }
        }
    }

    /// Phase 3: `section.key` overrides set on the nested dict.
    private func applyOverrides(_ root: ConfigDict) throws(ConfigFailure) {
        for entry in overrides.entries {
            let path = Self.parts(entry.path)
            var node = root
            for part in path.dropLast() {
                guard let next = node.child(part, create: false) else {
                    throw ConfigFailure(
                        .keyError, .none, "override '\(entry.path)': '\(part)' is not a section of the config")
                }
                node = next
            }
            node[path[path.count - 1]] = ConfigItem(entry.value)
        }
    }

    /// `str.split(".")`, keeping empty parts.
    static func parts(_ name: String) -> [String] {
        name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    /// `_interpret_value`: JSON, else Python's `True`/`False`/`None`, else the text; a string
    /// result from text holding a `${…}` variable keeps the raw text (quotes included).
    static func interpret(_ value: String) -> JSONValue {
        var result: JSONValue
        if let parsed = PythonJSON.loads(value) {
            result = parsed
        } else {
            switch value {
            case "True": result = .bool(true)
            case "False": result = .bool(false)
            case "None": result = .null
            default: result = .string(value)
            }
        }
        if case .string = result, ConfigVariables.containsVariable(value) { result = .string(value) }
        return result
    }
}
