/// Marks spans of a finished displaCy render with a visible text marker, for pages that show what a model got
/// wrong. The render itself stays spaCy's: a mark is inserted around or before the element of the marked span,
/// and a render with no marks comes back byte for byte as it went in.
public enum DisplacyMarks {
    /// One marked span: which one (the ordinal of its element in the render) and the marker's words.
    public struct Mark: Sendable, Equatable {
        /// In an ent render the n-th `<mark class="entity">` (the n-th of `doc.ents`); in a span render the
        /// n-th token, the first of the span.
        public var ordinal: Int
        /// A short kind such as `missed` or `spurious`: the `data-error` value and the marker's class.
        public var kind: String
        /// The marker's visible text, e.g. `missed PERSON`.
        public var text: String

        public init(ordinal: Int, kind: String, text: String) {
            self.ordinal = ordinal
            self.kind = kind
            self.text = text
        }
    }

    /// An ent render (`style="ent"`, spaCy's template) with each marked entity wrapped in
    /// `<span class="aim-err" data-error="KIND">` and followed, inside the wrapper, by its marker text.
    public static func markEntities(_ markup: String, _ marks: [Mark]) -> String {
        guard !marks.isEmpty else { return markup }
        let bytes = Array(markup.utf8)
        let starts = occurrences(of: Array("\n<mark class=\"entity\"".utf8), in: bytes)
        let close = Array("</mark>\n".utf8)
        var inserts: [(at: Int, text: String)] = []
        for mark in marks where mark.ordinal >= 0 && mark.ordinal < starts.count {
            let start = starts[mark.ordinal] + 1
            guard let end = firstOccurrence(of: close, in: bytes, from: start) else { continue }
            inserts.append((start, "<span class=\"aim-err aim-err-\(escape(mark.kind))\" data-error=\"\(escape(mark.kind))\">"))
            inserts.append((end + close.count - 1, marker(mark) + "</span>"))
        }
        return apply(inserts, to: bytes)
    }

    /// A span render (`style="span"`) with a marker element placed before the token each marked span starts at.
    public static func markSpanTokens(_ markup: String, _ marks: [Mark]) -> String {
        guard !marks.isEmpty else { return markup }
        let bytes = Array(markup.utf8)
        let starts = occurrences(of: Array("\n<span style=\"font-weight: bold; display: inline-block; position: relative; height: ".utf8), in: bytes)
        var inserts: [(at: Int, text: String)] = []
        for mark in marks where mark.ordinal >= 0 && mark.ordinal < starts.count {
            inserts.append((starts[mark.ordinal] + 1, marker(mark)))
        }
        return apply(inserts, to: bytes)
    }

    /// The visible marker: a bold text element saying the kind and label, not colour alone.
    private static func marker(_ mark: Mark) -> String {
        "<b class=\"aim-err-tag\" data-error=\"\(escape(mark.kind))\">\(escape(mark.text))</b>"
    }

    private static func apply(_ inserts: [(at: Int, text: String)], to bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + inserts.count * 80)
        var position = 0
        for insert in inserts.enumerated().sorted(by: { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }).map(\.element) {
            out += bytes[position..<insert.at]
            out += Array(insert.text.utf8)
            position = insert.at
        }
        out += bytes[position...]
        return String(decoding: out, as: UTF8.self)
    }

    private static func occurrences(of needle: [UInt8], in bytes: [UInt8]) -> [Int] {
        var found: [Int] = []
        var from = 0
        while let i = firstOccurrence(of: needle, in: bytes, from: from) {
            found.append(i)
            from = i + needle.count
        }
        return found
    }

    private static func firstOccurrence(of needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count, from <= bytes.count - needle.count else { return nil }
        var i = from
        let first = needle[0]
        while i <= bytes.count - needle.count {
            if bytes[i] == first, bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// Text and attribute values escaped as displaCy escapes the doc's text.
    private static func escape(_ s: String) -> String {
        var buffer = MarkupBuffer()
        buffer.append(escapingHTML: s)
        return buffer.string
    }
}
