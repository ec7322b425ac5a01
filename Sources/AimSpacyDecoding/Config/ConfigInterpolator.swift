import AimSpacyModel

/// confection's `_CustomInterpolation.before_get`: textual `${…}` substitution on raw values,
/// resolved recursively (at most 10 levels), with whole-section references left as placeholders.
struct ConfigInterpolator {
    static let maximumDepth = 10
    static let sectionPrefix = "__SECTION__:"

    let text: ConfigText

    /// The raw value of `key` as configparser sees it in `section` (section first, then `[DEFAULT]`).
    func raw(_ section: String, _ key: String) -> ConfigText.Option? {
        if section != "DEFAULT", let option = text.section(section)?.option(key) { return option }
        return text.defaults.option(key)
    }

    /// `parser.get(section, option)` with confection's interpolation.
    /// Every substituted piece is paid for from `budget`, which the config's other values share.
    func value(section: String, option: String, budget: inout ConfigBudget) throws(ConfigFailure) -> String {
        let rawValue = raw(section, option)?.value ?? ""
        var pieces: [String] = []
        try interpolate(
            option: option, section: section, rest: rawValue, into: &pieces, depth: 1, origin: (section, option), budget: &budget)
        if pieces.count == 1 { return pieces[0] }
        return pieces.map(Self.coerceForStringContext).joined()
    }

    /// A referenced value used inside longer text: JSON strings are unwrapped, other JSON is
    /// re-dumped with `"` escaped, anything else is used verbatim.
    static func coerceForStringContext(_ piece: String) -> String {
        if piece.contains(sectionPrefix) { return piece }
        guard let parsed = PythonJSON.loads(piece) else { return piece }
        if case .string(let s) = parsed { return s }
        return PythonJSON.dumps(parsed).replacing("\"", with: "\\\"")
    }

    private func interpolate(
        option: String, section: String, rest initial: String, into accum: inout [String], depth: Int,
        origin: (section: String, key: String), budget: inout ConfigBudget
    ) throws(ConfigFailure) {
        let here = raw(section, option)
        let rawValue = here?.value ?? initial
        if depth > Self.maximumDepth {
            let start = raw(origin.section, origin.key)?.pieces.first?.position
            throw ConfigFailure(
                .interpolationDepthError, start?.location ?? .none,
                "reference cycle or chain of more than \(Self.maximumDepth) variables while substituting '\(origin.key)' in [\(origin.section)] (stuck at '\(option)' in [\(section)] = '\(rawValue)'); expected references that end in a value")
        }
        let bytes = Array(initial.utf8)
        func location(_ offset: Int) -> DecodingError.Location {
            guard let here, here.value == initial else { return .none }
            return here.position(ofValueOffset: offset).location
        }
        func slice(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        func append(_ piece: String) throws(ConfigFailure) {
            try budget.spend(
                piece.utf8.count, raw(origin.section, origin.key)?.pieces.first?.position.location ?? .none,
                "variables in '\(origin.key)' of [\(origin.section)]")
            accum.append(piece)
        }
        var p = 0
        while p < bytes.count {
            guard let dollar = bytes[p...].firstIndex(of: UInt8(ascii: "$")) else {
                try append(slice(p..<bytes.count))
                return
            }
            if dollar > p { try append(slice(p..<dollar)) }
            p = dollar
            let next = p + 1 < bytes.count ? bytes[p + 1] : nil
            if next == UInt8(ascii: "$") {
                try append("$")
                p += 2
                continue
            }
            guard next == UInt8(ascii: "{") else {
                throw ConfigFailure(
                    .interpolationSyntaxError, location(p),
                    "'$' must be followed by '$' or '{' in '\(option)' of [\(section)], found '\(slice(p..<bytes.count))'")
            }
            guard let close = bytes[(p + 2)...].firstIndex(of: UInt8(ascii: "}")), close > p + 2 else {
                throw ConfigFailure(
                    .interpolationSyntaxError, location(p),
                    "bad variable reference '\(slice(p..<bytes.count))' in '\(option)' of [\(section)]; expected ${section.key}")
            }
            let variable = slice(p + 2..<close)
            let variableOffset = p
            p = close + 1
            let path = Self.splitVariable(variable)
            var sect = section
            var opt = option
            let v: String
            func missing() -> ConfigFailure {
                let why: String
                if let key = path.key {
                    why = text.hasSectionOrDefault(path.section)
                        ? "[\(path.section)] has no key '\(key)' and there is no section [\(path.section).\(key)]"
                        : "there is no section [\(path.section)]"
                } else {
                    why = "[\(section)] has no other key '\(path.section)' and there is no section [\(path.section)]"
                }
                return ConfigFailure(
                    .configValidationError, location(variableOffset),
                    "undefined variable '${\(variable)}' in '\(option)' of [\(section)]: \(why)")
            }
            if let key = path.key {
                sect = path.section
                opt = key
                if let found = lookup(sect, opt) {
                    v = found.value
                } else if text.hasSectionOrDefault(sect + "." + opt) {
                    v = Self.placeholder(sect + "." + opt)
                } else {
                    throw missing()
                }
            } else {
                opt = path.section
                if let found = raw(section, opt), PythonWhitespace.strip(found.value) != PythonWhitespace.strip(rawValue) {
                    v = found.value
                } else if text.hasSectionOrDefault(opt) {
                    v = Self.placeholder(opt)
                } else {
                    throw missing()
                }
            }
            if v.utf8.contains(UInt8(ascii: "$")) {
                try interpolate(option: opt, section: sect, rest: v, into: &accum, depth: depth + 1, origin: origin, budget: &budget)
            } else {
                try append(v)
            }
        }
    }

    /// `parser.get(sect, opt, raw=True)`, or `nil` where configparser falls back.
    private func lookup(_ section: String, _ key: String) -> ConfigText.Option? {
        guard text.hasSectionOrDefault(section) else { return nil }
        return raw(section, key)
    }

    /// `${a.b.c}` / `${a:b}`: the last `.` or `:` separates the section from the key.
    static func splitVariable(_ variable: String) -> (section: String, key: String?) {
        let normalized = variable.replacing(":", with: ".")
        guard let dot = normalized.lastIndex(of: ".") else { return (normalized, nil) }
        return (String(normalized[..<dot]), String(normalized[normalized.index(after: dot)...]))
    }

    static func placeholder(_ name: String) -> String { "\"" + sectionPrefix + name + "\"" }
}
