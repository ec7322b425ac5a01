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
        let settings = DocSettings(lang: lang)
        switch style {
        case .dep:
            let parses = try ParallelMap.map(docs) { _, doc throws(DisplacyError) in
                try Converters.parseDeps(doc, options: options, settings: settings)
            }
            return try markup(dep: parses, page: page, minify: minify, options: options, escaping: escaping)
        case .ent:
            let parses = try ParallelMap.map(docs) { _, doc throws(DisplacyError) in
                try Converters.parseEnts(doc, options: options, settings: settings)
            }
            return try markup(ent: parses, page: page, minify: minify, options: options, escaping: escaping)
        case .span:
            let parses = try ParallelMap.map(docs) { _, doc throws(DisplacyError) in
                try Converters.parseSpans(doc, options: options, settings: settings)
            }
            return try markup(span: parses, page: page, minify: minify, options: options, escaping: escaping)
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
        String(decoding: try markup(dep: parses, page: page, minify: minify, options: options, escaping: escaping), as: UTF8.self)
    }

    /// `EntityRenderer(options).render(parsed, page, minify).strip()`.
    public static func render(
        ent parses: [EntityParse], page: Bool = false, minify: Bool = false,
        options: DisplacyOptions = DisplacyOptions(), escaping: DisplacyEscaping = .spacy
    ) throws(DisplacyError) -> String {
        String(decoding: try markup(ent: parses, page: page, minify: minify, options: options, escaping: escaping), as: UTF8.self)
    }

    /// `SpanRenderer(options).render(parsed, page, minify).strip()`.
    public static func render(
        span parses: [SpanParse], page: Bool = false, minify: Bool = false,
        options: DisplacyOptions = DisplacyOptions(), escaping: DisplacyEscaping = .spacy
    ) throws(DisplacyError) -> String {
        String(decoding: try markup(span: parses, page: page, minify: minify, options: options, escaping: escaping), as: UTF8.self)
    }

    private static func markup(
        dep parses: [DependencyParse], page: Bool, minify: Bool, options: DisplacyOptions, escaping: DisplacyEscaping
    ) throws(DisplacyError) -> [UInt8] {
        let renderer = try DependencyRenderer(options: options, escaping: escaping)
        let settings = firstSettings(parses.first?.settings)
        var id = RenderID()
        for p in parses { id.add(p) }
        let prefix = id.hex
        let rendered = try ParallelMap.map(parses) { i, p throws(DisplacyError) in
            var out = MarkupBuffer()
            if let title = p.title, !title.isEmpty {
                Templates.title(&out, title: DocText(title, escaped: escaping == .safe))
            }
            try renderer.renderSVG(into: &out, id: RenderID.Field(hex: prefix, index: i), parse: p, settings: settings)
            return out
        }
        return MarkupAssembly.finish(rendered, settings: settings, page: page, minify: minify)
    }

    private static func markup(
        ent parses: [EntityParse], page: Bool, minify: Bool, options: DisplacyOptions, escaping: DisplacyEscaping
    ) throws(DisplacyError) -> [UInt8] {
        let renderer = try EntityRenderer(options: options, escaping: escaping)
        let settings = firstSettings(parses.first?.settings)
        let rendered = try ParallelMap.map(parses) { _, p throws(DisplacyError) in
            var out = MarkupBuffer(capacity: p.text.utf8.count * 2 + p.ents.count * 360 + 256)
            try renderer.render(p, settings: settings, into: &out)
            return out
        }
        return MarkupAssembly.finish(rendered, settings: settings, page: page, minify: minify)
    }

    private static func markup(
        span parses: [SpanParse], page: Bool, minify: Bool, options: DisplacyOptions, escaping: DisplacyEscaping
    ) throws(DisplacyError) -> [UInt8] {
        let renderer = try SpanRenderer(options: options, escaping: escaping)
        let settings = firstSettings(parses.first?.settings)
        let rendered = try ParallelMap.map(parses) { _, p throws(DisplacyError) in
            var out = MarkupBuffer(capacity: p.tokens.count * 16 + p.spans.count * 800 + 256)
            try renderer.render(p, settings: settings, into: &out)
            return out
        }
        return MarkupAssembly.finish(rendered, settings: settings, page: page, minify: minify)
    }

    /// The first doc's settings apply to every doc of the call, as in spaCy's renderers.
    private static func firstSettings(_ settings: DocSettings?) -> DocSettings {
        settings ?? .default
    }
}
