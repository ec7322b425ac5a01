import AimSpacyModel

/// The per-doc entries beside the token table: `cats`, `flags`, `span_groups`, `user_data`.
extension DocBin {
    /// A reader positioned at `offset` of the payload.
    func reader(at offset: Int) -> MsgPackReader {
        var reader = MsgPackReader(payload.bytes)
        reader.bytes.offset = offset
        return reader
    }

    /// A reader over a bin value (a nested msgpack document) whose errors give payload offsets.
    func reader(nested range: Range<Int>) -> MsgPackReader {
        MsgPackReader(UnsafeRawBufferPointer(rebasing: payload.bytes[range]), origin: range.lowerBound)
    }

    /// `flags[i]["has_unknown_spaces"]`, false when the key or the `flags` list is missing.
    func hasUnknownSpaces(doc index: Int) throws(DecodingError) -> Bool {
        guard let flags else { return false }
        var reader = reader(at: flags[index])
        do throws(DecodingError) {
            let members = try reader.readMapHeader()
            var result = false
            for _ in 0..<members {
                let key = try reader.next()
                if case .string(let range) = key, reader.stringEquals(range, "has_unknown_spaces") {
                    result = try reader.readValue().isTruthy
                } else {
                    try reader.skipContents(of: key)
                    try reader.skipValue()
                }
            }
            return result
        } catch {
            throw error.prefixingPath("flags[\(index)]")
        }
    }

    /// `Doc.cats` in stored order.
    func categories(doc index: Int) throws(DecodingError) -> [Category] {
        var reader = reader(at: cats[index])
        do throws(DecodingError) {
            let members = try reader.readMapHeader()
            var result: [Category] = []
            for _ in 0..<members {
                let start = reader.offset
                guard case .string(let label) = try reader.readValue() else {
                    throw reader.error("expected a str category label", at: start)
                }
                let value: JSONValue
                do { value = try reader.readValue().json(in: reader) } catch { throw error.prefixingPath(".\(label)") }
                let score = value.doubleValue ?? (value == .bool(true) ? 1 : 0)
                if let existing = result.firstIndex(where: { $0.label == label }) {
                    result[existing] = Category(label: label, score: score, value: value)
                } else {
                    result.append(Category(label: label, score: score, value: value))
                }
            }
            return result
        } catch {
            throw error.prefixingPath("cats[\(index)]")
        }
    }

    /// `doc.user_data["title"]` when it is a str.
    func title(doc index: Int) throws(DecodingError) -> String? {
        guard let userData, let range = userData[index], !range.isEmpty else { return nil }
        var reader = reader(nested: range)
        let value: MsgPackValue
        do { value = try reader.readValue() } catch { throw error.prefixingPath("user_data[\(index)]") }
        guard case .map(let members) = value else { return nil }
        for member in members where member.key == .string("title") {
            if case .string(let title) = member.value { return title }
        }
        return nil
    }

    /// `Doc.spans` from `span_groups[i]`, in the old (array) or current (map) format (spec §1.9).
    func spanGroups(doc index: Int) throws(DecodingError) -> [SpanGroup] {
        try rawSpanGroups(doc: index).map { group throws(DecodingError) in
            var spans: [Span] = []
            spans.reserveCapacity(group.spans.count)
            for span in group.spans {
                func resolve(_ id: UInt64, _ field: String, _ o: Int) throws(DecodingError) -> String {
                    guard let text = strings[id] else {
                        throw DecodingError(
                            location: .binary(offset: span.at + o, path: "span_groups[\(index)].\(group.name)"),
                            message: "span \(field) string ID \(id) of doc \(index) is not in `strings` nor a symbol")
                    }
                    return text
                }
                spans.append(Span(
                    start: span.start, end: span.end, startChar: span.startChar, endChar: span.endChar,
                    label: try resolve(span.label, "label", 16), kbID: try resolve(span.kbID, "kb_id", 8),
                    id: strings[span.id] ?? ""))
            }
            return SpanGroup(name: group.name, spans: spans)
        }
    }

    /// One span struct as stored, with the payload offset of its 40 bytes.
    struct RawSpan {
        var id: UInt64
        var kbID: UInt64
        var label: UInt64
        var start: Int
        var end: Int
        var startChar: Int
        var endChar: Int
        var at: Int
    }

    /// A `doc.spans` entry: the key and its spans, string IDs unresolved.
    struct RawSpanGroup {
        var name: String
        var spans: [RawSpan]

        var labels: [(id: UInt64, at: Int)] { spans.map { ($0.label, $0.at + 16) } }
    }

    /// The span groups of doc `index` with the key rules of `SpanGroups.from_bytes`: an array is the
    /// old format keyed by each group's `name` (a later duplicate replaces the earlier one in place,
    /// as a Python dict does); a map gives every key listed for a serialized group a copy of it.
    func rawSpanGroups(doc index: Int) throws(DecodingError) -> [RawSpanGroup] {
        guard let spanGroups else { return [] }
        let range = spanGroups[index]
        if range.isEmpty || (range.count == 1 && payload.bytes[range.lowerBound] == 0x90) { return [] }
        var reader = reader(nested: range)
        var groups: [RawSpanGroup] = []
        func store(_ group: RawSpanGroup) {
            if let existing = groups.firstIndex(where: { $0.name == group.name }) {
                groups[existing] = group
            } else {
                groups.append(group)
            }
        }
        do throws(DecodingError) {
            let start = reader.offset
            switch try reader.next() {
            case .array(let n):
                for i in 0..<n {
                    do {
                        let bytes = try reader.readBinary()
                        store(try spanGroup(bytes, in: reader, name: nil))
                    } catch {
                        throw error.prefixingPath("[\(i)]")
                    }
                }
            case .map(let n):
                for i in 0..<n {
                    do throws(DecodingError) {
                        let bytes = try reader.readBinary()
                        let keys = try reader.readArrayHeader()
                        var names: [String] = []
                        for _ in 0..<keys { names.append(try reader.readString()) }
                        for name in names { store(try spanGroup(bytes, in: reader, name: name)) }
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
        return groups
    }

    /// One serialized `SpanGroup` (`name`, `attrs`, `spans` of 40-byte big-endian structs).
    private func spanGroup(_ local: Range<Int>, in outer: MsgPackReader, name: String?) throws(DecodingError) -> RawSpanGroup {
        let absolute = (outer.bytes.origin + local.lowerBound)..<(outer.bytes.origin + local.upperBound)
        var reader = reader(nested: absolute)
        let members = try reader.readMapHeader()
        var groupName: String?
        var spans: [RawSpan]?
        for _ in 0..<members {
            let keyStart = reader.offset
            let key = try reader.next()
            guard case .string(let keyRange) = key else {
                throw reader.error("expected a str key in a serialized SpanGroup, found msgpack \(key.typeName)", at: keyStart)
            }
            if reader.stringEquals(keyRange, "name") {
                do { groupName = try reader.readString() } catch { throw error.prefixingPath(".name") }
            } else if reader.stringEquals(keyRange, "spans") {
                let n: Int
                do { n = try reader.readArrayHeader() } catch { throw error.prefixingPath(".spans") }
                var list: [RawSpan] = []
                list.reserveCapacity(n)
                for i in 0..<n {
                    let raw: Range<Int>
                    do { raw = try reader.readBinary() } catch { throw error.prefixingPath(".spans[\(i)]") }
                    guard raw.count == 40 else {
                        throw reader.error("a span is \(raw.count) bytes, expected 40 (struct >QQQllll)", at: raw.lowerBound)
                            .prefixingPath(".spans[\(i)]")
                    }
                    let bytes = reader.slice(raw)
                    func u64(_ o: Int) -> UInt64 { UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: o, as: UInt64.self)) }
                    func i32(_ o: Int) -> Int { Int(Int32(bigEndian: bytes.loadUnaligned(fromByteOffset: o, as: Int32.self))) }
                    list.append(RawSpan(
                        id: u64(0), kbID: u64(8), label: u64(16), start: i32(24), end: i32(28), startChar: i32(32),
                        endChar: i32(36), at: absolute.lowerBound + raw.lowerBound))
                }
                spans = list
            } else {
                try reader.skipValue()
            }
        }
        guard let groupName, let spans else {
            throw reader.error("a serialized SpanGroup needs `name` and `spans`", at: 0)
        }
        guard reader.bytes.isAtEnd else { throw reader.error("unexpected bytes after a serialized SpanGroup") }
        return RawSpanGroup(name: name ?? groupName, spans: spans)
    }
}

extension MsgPackValue {
    /// Python truthiness, as `flags.get(...)` is tested.
    var isTruthy: Bool {
        switch self {
        case .nil: false
        case .bool(let b): b
        case .int(let v): v != 0
        case .uint(let v): v != 0
        case .float(let v): v != 0
        case .string(let s): !s.isEmpty
        case .binary(let r): !r.isEmpty
        case .array(let a): !a.isEmpty
        case .map(let m): !m.isEmpty
        case .ext: true
        }
    }

    /// The value as JSON (what `json.dumps` writes for what msgpack loads); bin and ext, which
    /// JSON cannot hold, become null, and non-str map keys their JSON text.
    func json(in reader: MsgPackReader) -> JSONValue {
        switch self {
        case .nil: .null
        case .bool(let b): .bool(b)
        case .int(let v): .int(Int(v))
        case .uint(let v): .double(Double(v))
        case .float(let v): .double(v)
        case .string(let s): .string(s)
        case .binary, .ext: .null
        case .array(let items): .array(items.map { $0.json(in: reader) })
        case .map(let members):
            .object(members.map { member in
                let key: String
                if case .string(let s) = member.key { key = s } else { key = member.key.json(in: reader).serialized() }
                return (key, member.value.json(in: reader))
            })
        }
    }
}
