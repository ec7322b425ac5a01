import CLibXML2

/// Re-serialises displaCy markup as well-formed, inert markup: only known presentational elements
/// and attributes survive; scripts, event handlers, external references and embedded documents are
/// dropped. Defence in depth: the markup already comes from our own renderer in safe mode.
enum MarkupSanitizer {
    private static let htmlElements: Set<String> = [
        "div", "span", "mark", "br", "p", "b", "i", "em", "strong", "small", "sub", "sup", "u", "s",
        "figure", "figcaption", "h1", "h2", "h3", "h4", "ul", "ol", "li", "table", "thead", "tbody", "tr",
        "th", "td",
    ]
    private static let svgElements: Set<String> = [
        "svg", "g", "text", "tspan", "textPath", "path", "line", "rect", "circle", "ellipse", "polyline",
        "polygon", "defs", "marker", "title", "desc",
    ]
    /// Dropped with everything inside them.
    private static let droppedElements: Set<String> = [
        "script", "style", "iframe", "object", "embed", "foreignObject", "foreignobject", "template", "noscript",
        "link", "meta", "base", "form", "input", "textarea", "button", "select", "img", "image", "video",
        "audio", "source", "frame", "frameset", "applet", "use", "animate", "set", "animatetransform",
        "animateTransform", "animatemotion", "animateMotion", "math",
    ]
    private static let voidElements: Set<String> = ["br", "hr", "wbr"]
    /// HTML parsers fold case; SVG needs it back.
    private static let svgCase: [String: String] = [
        "textpath": "textPath", "viewbox": "viewBox", "preserveaspectratio": "preserveAspectRatio",
        "startoffset": "startOffset", "markerwidth": "markerWidth", "markerheight": "markerHeight",
        "refx": "refX", "refy": "refY", "textlength": "textLength", "lengthadjust": "lengthAdjust",
        "markerunits": "markerUnits",
    ]
    /// Attributes whose value is a URL the browser follows or loads (also what the validator checks).
    static let linkAttributes: Set<String> = ["href", "xlink:href", "src", "action", "formaction", "srcset", "background", "poster", "data", "ping", "cite", "longdesc"]

    /// Well-formed markup that keeps what displaCy draws and nothing that runs. Element ids (and the `#id`
    /// references to them) get `idPrefix`, so a render shown twice in one document never repeats an id.
    static func sanitize(_ markup: String, idPrefix: String = "") -> String {
        let bytes = Array(("<aim-root>" + markup + "</aim-root>").utf8)
        let xml = LibXML.parseXML(bytes)
        if let doc = xml.doc, xml.problems.isEmpty {
            defer { xmlFreeDoc(doc) }
            var out = ""
            for child in LibXML.children(xmlDocGetRootElement(doc)) { write(child, inSVG: false, prefix: idPrefix, to: &out) }
            return out
        }
        if let doc = xml.doc { xmlFreeDoc(doc) }
        let html = LibXML.parseHTML(Array(("<html><body>" + markup + "</body></html>").utf8))
        guard let doc = html.doc else { return ReportText.escape(markup) }
        defer { xmlFreeDoc(doc) }
        var out = ""
        let body = LibXML.find("body", in: xmlDocGetRootElement(doc))
        for child in LibXML.children(body) { write(child, inSVG: false, prefix: idPrefix, to: &out) }
        return out
    }

    private static func write(_ node: xmlNodePtr, inSVG: Bool, prefix: String, to out: inout String) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            out += escape(LibXML.content(node))
        case XML_ELEMENT_NODE:
            let raw = LibXML.name(node)
            let name = svgCase[raw] ?? raw
            if droppedElements.contains(name) || droppedElements.contains(raw.lowercased()) { return }
            let nowSVG = inSVG || name == "svg"
            let known = nowSVG ? svgElements.contains(name) : htmlElements.contains(name)
            guard known else {
                // Unknown elements are unwrapped: their text stays, they do not.
                for child in LibXML.children(node) { write(child, inSVG: inSVG, prefix: prefix, to: &out) }
                return
            }
            out += "<" + name
            if name == "svg" {
                out += " xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
            }
            for (rawName, value) in LibXML.attributes(node) {
                let attribute = svgCase[rawName] ?? rawName
                guard allowed(attribute, value) else { continue }
                var value = value
                if attribute == "id" {
                    value = prefix + value
                } else if linkAttributes.contains(attribute.lowercased()) {
                    value = "#" + prefix + value.dropFirst()
                }
                out += " " + attribute + "=\"" + escape(value) + "\""
            }
            let children = LibXML.children(node)
            if children.isEmpty, nowSVG || voidElements.contains(name) {
                out += "/>"
                return
            }
            out += ">"
            if !voidElements.contains(name) {
                for child in children { write(child, inSVG: nowSVG, prefix: prefix, to: &out) }
            }
            out += "</" + name + ">"
        default:
            return
        }
    }

    private static func allowed(_ name: String, _ value: String) -> Bool {
        let lower = name.lowercased()
        guard let first = lower.unicodeScalars.first, first >= "a" && first <= "z" else { return false }
        guard lower.unicodeScalars.allSatisfy({ ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" || $0 == "_" || $0 == ":" }) else {
            return false
        }
        if lower.hasPrefix("on") || lower.hasPrefix("xmlns") { return false }
        if lower == "xml:lang" {
            return value.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "-" || $0 == "_" }
        }
        let v = value.lowercased().filter { !$0.isWhitespace }
        if v.contains("javascript:") || v.contains("vbscript:") || v.contains("data:") { return false }
        if linkAttributes.contains(lower) { return value.hasPrefix("#") }
        if lower == "style" {
            return !(v.contains("url(") || v.contains("expression(") || v.contains("@import") || v.contains("behavior:"))
        }
        if lower.contains(":") { return false }
        return true
    }

    /// spaCy's `escape_html` (`&`, `<`, `>`, `"`), for text and double-quoted attribute values, so displaCy's
    /// markup comes out as spaCy wrote it; characters XML cannot hold are dropped.
    private static func escape(_ s: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for u in s.unicodeScalars {
            switch u {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            default:
                if ReportText.isXMLCharacter(u) { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
