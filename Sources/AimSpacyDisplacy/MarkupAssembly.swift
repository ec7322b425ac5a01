import AimSpacyModel

/// What a renderer's `render(parsed, page, minify)` and `displacy.render`'s `.strip()` do to the
/// per-doc markup: join, wrap in `TPL_FIGURE`/`TPL_PAGE`, minify, strip; on bytes, built once.
enum MarkupAssembly {
    static func finish(_ rendered: consuming [MarkupBuffer], settings: DocSettings, page: Bool, minify: Bool) -> [UInt8] {
        guard page || minify else { return strippedJoin(rendered) }
        var markup = page ? pageMarkup(rendered, settings: settings) : strippedJoin(rendered)
        if minify { markup = Self.minify(markup) }
        return strip(markup)
    }

    /// `finish` for JSON-escaping buffers (no minify): the stripped markup as a JSON string literal.
    static func finishJSON(_ rendered: consuming [MarkupBuffer], settings: DocSettings, page: Bool) -> [UInt8] {
        var all: [UInt8]
        if page {
            all = pageMarkup(rendered, settings: settings, escapesJSON: true)
        } else if rendered.count == 1 {
            all = rendered[0].bytes
            rendered[0] = MarkupBuffer()
        } else {
            all = []
            all.reserveCapacity(rendered.reduce(2) { $0 + $1.count })
            for part in rendered { all += part.bytes }
        }
        let content = JSONEscapedWhitespace.strip(all)
        all.removeSubrange(content.upperBound...)
        all.append(0x22)
        if content.lowerBound > 0 {
            all[content.lowerBound - 1] = 0x22
            all.removeSubrange(..<(content.lowerBound - 1))
        } else {
            all.insert(0x22, at: 0)
        }
        return all
    }

    /// `TPL_PAGE` around each doc's markup in a `TPL_FIGURE`.
    private static func pageMarkup(_ rendered: [MarkupBuffer], settings: DocSettings, escapesJSON: Bool = false) -> [UInt8] {
        var out = MarkupBuffer(capacity: rendered.reduce(1024) { $0 + $1.count + 64 }, escapesJSON: escapesJSON)
        Templates.page(&out, lang: settings.lang, dir: settings.direction) { out in
            for r in rendered { Templates.figure(&out) { $0.append(r) } }
        }
        return out.bytes
    }

    /// `"".join(parts).strip()`, written once at its final size.
    static func strippedJoin(_ parts: consuming [MarkupBuffer]) -> [UInt8] {
        let contents = parts.map { stripped($0.bytes) }
        guard let first = contents.firstIndex(where: { !$0.isEmpty }),
            let last = contents.lastIndex(where: { !$0.isEmpty })
        else { return [] }
        if first == last {
            var only = parts[first].bytes
            parts[first] = MarkupBuffer()
            only.removeSubrange(contents[first].upperBound...)
            only.removeSubrange(..<contents[first].lowerBound)
            return only
        }
        var out: [UInt8] = []
        out.reserveCapacity(parts[first...last].reduce(1) { $0 + $1.count })
        for i in first...last {
            let part = parts[i].bytes
            out += part[(i == first ? contents[i].lowerBound : 0)..<(i == last ? contents[i].upperBound : part.count)]
        }
        return out
    }

    /// spaCy's `minify_html`: `html.strip().replace("    ", "").replace("\n", "")`.
    static func minify(_ html: [UInt8]) -> [UInt8] {
        let stripped = strip(html)
        var noIndent: [UInt8] = []
        noIndent.reserveCapacity(stripped.count)
        var i = 0
        while i < stripped.count {
            if i + 4 <= stripped.count && stripped[i] == 0x20 && stripped[i + 1] == 0x20 && stripped[i + 2] == 0x20
                && stripped[i + 3] == 0x20
            {
                i += 4
            } else {
                noIndent.append(stripped[i])
                i += 1
            }
        }
        noIndent.removeAll { $0 == 0x0A }
        return noIndent
    }

    /// Python's `str.strip()` on UTF-8 bytes.
    static func strip(_ bytes: [UInt8]) -> [UInt8] {
        let range = stripped(bytes)
        return range.count == bytes.count ? bytes : Array(bytes[range])
    }

    private static func stripped(_ bytes: [UInt8]) -> Range<Int> {
        bytes.withUnsafeBytes { PythonWhitespace.strip($0, 0..<$0.count) }
    }
}
