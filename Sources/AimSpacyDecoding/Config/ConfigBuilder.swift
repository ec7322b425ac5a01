import AimSpacyModel

/// confection's `parse_config`: configparser text → validated → nested dict skeleton → values
/// (interpolated or raw) → overrides → whole-section references.
struct ConfigBuilder {
    let text: ConfigText
    let interpolate: Bool
    let overrides: ConfigOverrides
    let work = ConfigWork()

    /// The most dotted parts a section name may have: confection's own recursion over the nested
    /// sections fails from about 1,000 levels, and every walk of the tree here is bounded by it.
    static let maximumDepth = 990

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
        var budget = ConfigBudget(inputSize: text.size)
        try buildSkeleton(root)
        try fillValues(root, budget: &budget)
        try applyOverrides(root)
        var path: [String] = []
        try SectionReferences(root: root, work: work).replace(in: root, path: &path)
        var visiting = Set<ObjectIdentifier>()
        var nodes = ConfigItem.maximumNodes
        return try ConfigItem.dict(root).json(path: &path, visiting: &visiting, nodes: &nodes, budget: &budget, work: work)
    }

    /// `_validate_configparser`: no `[DEFAULT]` values, every parent declared, no key/section clash.
    private func validateText() throws(ConfigFailure) {
        if let first = text.defaults.options.first {
            throw ConfigFailure(
                .configValidationError, first.keyPosition.location,
                "found config values without a top-level section: '\(first.key)' is in [DEFAULT]; expected a named section")
        }
        let tree = SectionNameTree(text, work: work)
        // The first failure in confection's order: section by section, its parents, its depth,
        // then the sections below it whose next part is also one of its keys.
        var firstOwn: (section: Int, failure: ConfigFailure)?
        for (index, section) in text.sections.enumerated() {
            let parts = tree.parts[index]
            for i in 1..<max(parts.count, 1) {
                work.steps += 1
                if parts[i - 1] == "*" { break }
                guard tree.section(prefixOf: index, count: i) == nil else { continue }
                let parent = parts[..<i].joined(separator: ".")
                firstOwn = (index, ConfigFailure(
                    .configValidationError, section.position.location,
                    "section '\(parts[i - 1])' is not defined: [\(section.name)] needs a [\(parent)] section before it"))
                break
            }
            if firstOwn == nil && parts.count > Self.maximumDepth {
                firstOwn = (index, ConfigFailure(
                    .other, section.position.location,
                    "section [\(section.name.prefix(60))…] is nested \(parts.count) levels deep; expected at most \(Self.maximumDepth) (confection fails from about 1,000)"))
            }
            if firstOwn != nil { break }
        }
        var firstClash: (section: Int, other: Int, child: Substring)?
        for (other, parts) in tree.parts.enumerated() where parts.count > 1 {
            for i in 1..<parts.count {
                work.steps += 1
                guard let owner = tree.section(prefixOf: other, count: i) else { continue }
                if let known = firstClash, (known.section, known.other) <= (owner, other) { continue }
                let child = String(parts[i])
                if text.sections[owner].index[child] != nil || text.defaults.index[child] != nil {
                    firstClash = (owner, other, parts[i])
                }
            }
        }
        if let own = firstOwn, own.section <= firstClash?.section ?? Int.max { throw own.failure }
        if let clash = firstClash {
            let section = text.sections[clash.section]
            let other = text.sections[clash.other]
            throw ConfigFailure(
                .configValidationError, other.position.location,
                "found conflicting values: [\(other.name)] is a section but '\(clash.child)' is also a key of [\(section.name)]")
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
            work.steps += section.name.utf8.count + 1
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
    private func fillValues(_ root: ConfigDict, budget: inout ConfigBudget) throws(ConfigFailure) {
        let interpolator = ConfigInterpolator(text: text)
        let depths = text.sections.map { section in
            work.steps += section.name.utf8.count + 1
            return section.name.utf8.reduce(1) { $1 == UInt8(ascii: ".") ? $0 + 1 : $0 }
        }
        let ordered = text.sections.indices.sorted { depths[$0] != depths[$1] ? depths[$0] < depths[$1] : $0 < $1 }
        for index in ordered {
            let section = text.sections[index]
            work.steps += section.name.utf8.count + 1
            var node = root
            for part in Self.parts(section.name) {
                guard let next = node.child(part, create: false) else {
                    throw ConfigFailure(.other, section.position.location, "section [\(section.name)] is shadowed by a value")
                }
                node = next
            }
            for option in section.options {
                let value = interpolate ? try interpolator.value(section: section.name, option: option.key, budget: &budget) : option.value
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
