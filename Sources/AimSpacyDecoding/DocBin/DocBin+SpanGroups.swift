import AimSpacyModel

/// Reading `span_groups`: one walk of a doc's serialized `Doc.spans`, shared by `doc(at:)` and
/// `counts()` so that both accept, key and reject the same groups.
extension DocBin {
    /// One span struct as stored (`>QQQllll`, 40 bytes), its fields read from the payload on demand.
    struct RawSpan {
        let bytes: UnsafeRawBufferPointer
        /// Payload offset of the 40 bytes.
        let at: Int

        var id: UInt64 { u64(0) }
        var kbID: UInt64 { u64(8) }
        var label: UInt64 { u64(16) }
        var start: Int { i32(24) }
        var end: Int { i32(28) }
        var startChar: Int { i32(32) }
        var endChar: Int { i32(36) }

        private func u64(_ o: Int) -> UInt64 { UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: o, as: UInt64.self)) }
        private func i32(_ o: Int) -> Int { Int(Int32(bigEndian: bytes.loadUnaligned(fromByteOffset: o, as: Int32.self))) }
    }

    /// The span groups of doc `index` with the key rules of `SpanGroups.from_bytes`: an array is the
    /// old format keyed by each group's `name` (a later duplicate replaces the earlier one in place,
    /// as a Python dict does); a map gives every key listed for a serialized group a copy of it.
    /// Each entry is a key, as `name` decodes a str (its reader and range), and the payload range of
    /// the group's checked `spans` elements; every group is checked once, however many keys list it.
    func spanGroupEntries<Name: Equatable>(
        doc index: Int, into entries: inout [(name: Name, spans: Range<Int>)],
        name: (MsgPackReader, Range<Int>) throws(DecodingError) -> Name
    ) throws(DecodingError) {
        entries.removeAll(keepingCapacity: true)
        guard let spanGroups else { return }
        let range = spanGroups[index]
        if range.isEmpty || (range.count == 1 && payload.bytes[range.lowerBound] == 0x90) { return }
        var reader = reader(nested: range)
        func store(_ name: Name, _ spans: Range<Int>) {
            if let existing = entries.firstIndex(where: { $0.name == name }) {
                entries[existing].spans = spans
            } else {
                entries.append((name, spans))
            }
        }
        func group() throws(DecodingError) -> (name: Name, spans: Range<Int>) {
            let local = try reader.readBinary()
            return try checkedGroup((range.lowerBound + local.lowerBound)..<(range.lowerBound + local.upperBound), name: name)
        }
        do throws(DecodingError) {
            let start = reader.offset
            switch try reader.next() {
            case .array(let n):
                for i in 0..<n {
                    do throws(DecodingError) {
                        let inner = try group()
                        store(inner.name, inner.spans)
                    } catch {
                        throw error.prefixingPath("[\(i)]")
                    }
                }
            case .map(let n):
                for i in 0..<n {
                    do throws(DecodingError) {
                        let spans = try group().spans
                        let keys = try reader.readArrayHeader()
                        for _ in 0..<keys {
                            let key = try reader.readStringRange()
                            store(try name(reader, key), spans)
                        }
                    } catch {
                        throw error.prefixingPath("{\(i)}")
                    }
                }
            case let other:
                throw reader.error("expected a map or array of serialized span groups, found msgpack \(other.typeName)", at: start)
            }
            guard reader.bytes.isAtEnd else { throw reader.error("unexpected bytes after the span groups") }
        } catch {
            throw error.prefixingPath("span_groups[\(index)]")
        }
    }

    /// Checks one serialized `SpanGroup` (`name`, `attrs`, `spans` of 40-byte structs); returns its
    /// `name` as `name` decodes it and the payload range of its `spans` array's elements.
    private func checkedGroup<Name>(
        _ group: Range<Int>, name decode: (MsgPackReader, Range<Int>) throws(DecodingError) -> Name
    ) throws(DecodingError) -> (name: Name, spans: Range<Int>) {
        var reader = reader(nested: group)
        let members = try reader.readMapHeader()
        var name: Name?
        var spans: Range<Int>?
        for _ in 0..<members {
            let keyStart = reader.offset
            let key = try reader.next()
            guard case .string(let keyRange) = key else {
                throw reader.error("expected a str key in a serialized SpanGroup, found msgpack \(key.typeName)", at: keyStart)
            }
            if reader.stringEquals(keyRange, "name") {
                do throws(DecodingError) {
                    let text = try reader.readStringRange()
                    name = try decode(reader, text)
                } catch {
                    throw error.prefixingPath(".name")
                }
            } else if reader.stringEquals(keyRange, "spans") {
                let n: Int
                do { n = try reader.readArrayHeader() } catch { throw error.prefixingPath(".spans") }
                let first = reader.offset
                for i in 0..<n {
                    let raw: Range<Int>
                    do { raw = try reader.readBinary() } catch { throw error.prefixingPath(".spans[\(i)]") }
                    guard raw.count == 40 else {
                        throw reader.error("a span is \(raw.count) bytes, expected 40 (struct >QQQllll)", at: raw.lowerBound)
                            .prefixingPath(".spans[\(i)]")
                    }
                }
                spans = (group.lowerBound + first)..<(group.lowerBound + reader.offset)
            } else {
                try reader.skipValue()
            }
        }
        guard let name, let spans else { throw reader.error("a serialized SpanGroup needs `name` and `spans`", at: 0) }
        guard reader.bytes.isAtEnd else { throw reader.error("unexpected bytes after a serialized SpanGroup") }
        return (name, spans)
    }

    /// Calls `body` with every span of a `spans` range that `spanGroupEntries` checked for doc
    /// `index`'s group `group`. When `checked`, a span whose tokens are not `0 <= start <= end <= len(doc)`
    /// is refused as spaCy refuses it when the group's spans are made (E035, by `Doc.to_json`,
    /// iterating the group or `displacy.render`); character offsets are not checked, as in spaCy.
    func forEachSpan(
        _ spans: Range<Int>, doc index: Int, group: String, checked: Bool = true,
        _ body: (RawSpan) throws(DecodingError) -> Void
    ) throws(DecodingError) {
        let length = rows(of: index).count
        var reader = reader(nested: spans)
        var position = 0
        while !reader.bytes.isAtEnd {
            let raw = try reader.readBinary()
            let span = RawSpan(bytes: reader.slice(raw), at: spans.lowerBound + raw.lowerBound)
            guard !checked || (0 <= span.start && span.start <= span.end && span.end <= length) else {
                throw DecodingError(
                    location: .binary(offset: span.at + 24, path: "span_groups[\(index)].\(group).spans[\(position)]"),
                    message: "span \(position) of group '\(group)' in doc \(index) lies outside the doc: [E035] Error creating span with start \(span.start) and end \(span.end) for Doc of length \(length).")
            }
            try body(span)
            position += 1
        }
    }

    /// `Doc.spans` from `span_groups[i]`, in the old (array) or current (map) format (spec §1.9),
    /// the spans of the groups `made` checked against the doc.
    func spanGroups(doc index: Int, made: SpanGroupsMade) throws(DecodingError) -> [SpanGroup] {
        var entries: [(name: String, spans: Range<Int>)] = []
        try spanGroupEntries(doc: index, into: &entries) { reader, range throws(DecodingError) in try reader.string(range) }
        var groups: [SpanGroup] = []
        groups.reserveCapacity(entries.count)
        for entry in entries {
            var spans: [Span] = []
            try forEachSpan(entry.spans, doc: index, group: entry.name, checked: made.includes(entry.name)) {
                span throws(DecodingError) in
                func resolve(_ id: UInt64, _ field: String, _ o: Int) throws(DecodingError) -> String {
                    guard let text = strings[id] else {
                        throw DecodingError(
                            location: .binary(offset: span.at + o, path: "span_groups[\(index)].\(entry.name)"),
                            message: "span \(field) string ID \(id) of doc \(index) is not in `strings` nor a symbol")
                    }
                    return text
                }
                spans.append(Span(
                    start: span.start, end: span.end, startChar: span.startChar, endChar: span.endChar,
                    label: try resolve(span.label, "label", 16), kbID: try resolve(span.kbID, "kb_id", 8),
                    id: strings[span.id] ?? ""))
            }
            groups.append(SpanGroup(name: entry.name, spans: spans))
        }
        return groups
    }
}
