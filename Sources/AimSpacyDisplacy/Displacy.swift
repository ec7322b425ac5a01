import AimSpacyModel

/// `displacy.render` without Python: the same markup for docs or displaCy's manual dicts.
/// Only the dep id differs: spaCy's random 32-hex prefix is here derived from the input.
public enum Displacy {
    /// `displacy.render(docs, style=style, page=page, minify=minify, jupyter=False, options=options)`
    /// for decoded docs of language `lang` (a DocBin does not store it).
    public static func render(
        _ docs: [Doc], style: DisplacyStyle, lang: String = "en", page: Bool = false, minify: Bool = false,
        options: DisplacyOptions = DisplacyOptions(), escaping: DisplacyEscaping = .spacy
    ) throws(DisplacyError) -> String {
        let markup = try renderUTF8(
            docs, style: style, lang: lang, page: page, minify: minify, options: options, escaping: escaping)
        return String(decoding: markup, as: UTF8.self)
    }

    /// The same markup as UTF-8 bytes, for callers that write it out or encode it further.
    public static func renderUTF8(
        _ docs: [Doc], style: DisplacyStyle, lang: String = "en", page: Bool = false, minify: Bool = false,
        options: DisplacyOptions = DisplacyOptions(), escaping: DisplacyEscaping = .spacy
    ) throws(DisplacyError) -> [UInt8] {
        try render(docs, style: style, lang: lang, form: minify ? .minified : .markup, page: page, options: options, escaping: escaping)
    }

    /// `json.dumps(displacy.render(...), ensure_ascii=False)` as UTF-8: the markup as a JSON string
    /// literal, escaped while it is written rather than in a second pass over megabytes.
    public static func renderJSONString(
        _ docs: [Doc], style: DisplacyStyle, lang: String = "en", page: Bool = false,
        options: DisplacyOptions = DisplacyOptions(), escaping: DisplacyEscaping = .spacy
    ) throws(DisplacyError) -> [UInt8] {
        try render(docs, style: style, lang: lang, form: .jsonString, page: page, options: options, escaping: escaping)
    }

    private static func render(
        _ docs: [Doc], style: DisplacyStyle, lang: String, form: Form, page: Bool, options: DisplacyOptions,
        escaping: DisplacyEscaping
    ) throws(DisplacyError) -> [UInt8] {
        let settings = DocSettings(lang: lang)
        switch style {
        case .dep:
            let parses = try ParallelMap.map(docs) { _, doc throws(DisplacyError) in
                try Converters.parseDeps(doc, options: options, settings: settings)
            }
            return try markup(dep: parses, form: form, page: page, options: options, escaping: escaping)
        case .ent:
            let parses = try ParallelMap.map(docs) { _, doc throws(DisplacyError) in
                try Converters.parseEnts(doc, options: options, settings: settings)
            }
            return try markup(ent: parses, form: form, page: page, options: options, escaping: escaping)
        case .span:
            let parses = try ParallelMap.map(docs) { _, doc throws(DisplacyError) in
                try Converters.parseSpans(doc, options: options, settings: settings)
            }
            return try markup(span: parses, form: form, page: page, options: options, escaping: escaping)
        }
    }

    /// What a call returns: markup, minified markup, or markup as a JSON string literal.
    private enum Form {
        case markup, minified, jsonString

        var escapesJSON: Bool { self == .jsonString }
    }

    /// Joins, wraps and strips the per-doc buffers as `form` asks.
    private static func finish(_ rendered: consuming [MarkupBuffer], form: Form, settings: DocSettings, page: Bool) -> [UInt8] {
        switch form {
        case .markup: return MarkupAssembly.finish(rendered, settings: settings, page: page, minify: false)
        case .minified: return MarkupAssembly.finish(rendered, settings: settings, page: page, minify: true)
        case .jsonString: return MarkupAssembly.finishJSON(rendered, settings: settings, page: page)
        }
    }

    /// `displacy.render(dicts, style=style, manual=True, ...)` for manual dicts given as JSON.
    public static func render(
        manual dicts: [JSONValue], style: DisplacyStyle, page: Bool = false, minify: Bool = false,
        options: DisplacyOptions = DisplacyOptions(), escaping: DisplacyEscaping = .spacy
    ) throws(DisplacyError) -> String {
        switch style {
        case .dep:
            let parses = try dicts.map { d throws(DisplacyError) in try DependencyParse(manual: d) }
            return try render(dep: parses, page: page, minify: minify, options: options, escaping: escaping)
        case .ent:
            let parses = try dicts.map { d throws(DisplacyError) in try EntityParse(manual: d) }
            return try render(ent: parses, page: page, minify: minify, options: options, escaping: escaping)
        case .span:
            let parses = try dicts.map { d throws(DisplacyError) in try SpanParse(manual: d) }
            return try render(span: parses, page: page, minify: minify, options: options, escaping: escaping)
        }
    }

    /// `DependencyRenderer(options).render(parsed, page, minify).strip()`.
    public static func render(
        dep parses: [DependencyParse], page: Bool = false, minify: Bool = false,
        options: DisplacyOptions = DisplacyOptions(), escaping: DisplacyEscaping = .spacy
    ) throws(DisplacyError) -> String {
        let form: Form = minify ? .minified : .markup
        return String(decoding: try markup(dep: parses, form: form, page: page, options: options, escaping: escaping), as: UTF8.self)
    }

    /// `EntityRenderer(options).render(parsed, page, minify).strip()`.
    public static func render(
        ent parses: [EntityParse], page: Bool = false, minify: Bool = false,
        options: DisplacyOptions = DisplacyOptions(), escaping: DisplacyEscaping = .spacy
    ) throws(DisplacyError) -> String {
        let form: Form = minify ? .minified : .markup
        return String(decoding: try markup(ent: parses, form: form, page: page, options: options, escaping: escaping), as: UTF8.self)
    }

    /// `SpanRenderer(options).render(parsed, page, minify).strip()`.
    public static func render(
        span parses: [SpanParse], page: Bool = false, minify: Bool = false,
        options: DisplacyOptions = DisplacyOptions(), escaping: DisplacyEscaping = .spacy
    ) throws(DisplacyError) -> String {
        let form: Form = minify ? .minified : .markup
        return String(decoding: try markup(span: parses, form: form, page: page, options: options, escaping: escaping), as: UTF8.self)
    }

    private static func markup(
        dep parses: [DependencyParse], form: Form, page: Bool, options: DisplacyOptions, escaping: DisplacyEscaping
    ) throws(DisplacyError) -> [UInt8] {
        let renderer = try DependencyRenderer(options: options, escaping: escaping).forCall(parses)
        return try markup(parses, renderer: renderer, form: form, page: page)
    }

    private static func markup(
        ent parses: [EntityParse], form: Form, page: Bool, options: DisplacyOptions, escaping: DisplacyEscaping
    ) throws(DisplacyError) -> [UInt8] {
        try markup(parses, renderer: try EntityRenderer(options: options, escaping: escaping), form: form, page: page)
    }

    private static func markup(
        span parses: [SpanParse], form: Form, page: Bool, options: DisplacyOptions, escaping: DisplacyEscaping
    ) throws(DisplacyError) -> [UInt8] {
        try markup(parses, renderer: try SpanRenderer(options: options, escaping: escaping), form: form, page: page)
    }

    /// Each parse rendered into its own buffer (on every core when there are many), then joined,
    /// wrapped and stripped as `form` asks. The first parse's settings apply to every doc of the
    /// call, as in spaCy's renderers.
    private static func markup<R: ParseRenderer>(
        _ parses: [R.Parse], renderer: R, form: Form, page: Bool
    ) throws(DisplacyError) -> [UInt8] {
        let settings = parses.first?.settings ?? .default
        let rendered = try ParallelMap.map(parses) { i, p throws(DisplacyError) in
            var out = MarkupBuffer(escapesJSON: form.escapesJSON)
            try renderer.render(p, index: i, settings: settings, into: &out)
            return out
        }
        return finish(rendered, form: form, settings: settings, page: page)
    }
}
