import AimSpacyModel

/// The per-doc entries beside the token table: `cats`, `flags`, `user_data` (`span_groups` has its own file).
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
                do { value = try reader.readValue().json() } catch { throw error.prefixingPath(".\(label)") }
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
    func json() -> JSONValue {
        switch self {
        case .nil: .null
        case .bool(let b): .bool(b)
        case .int(let v): .int(Int(v))
        case .uint(let v): .double(Double(v))
        case .float(let v): .double(v)
        case .string(let s): .string(s)
        case .binary, .ext: .null
        case .array(let items): .array(items.map { $0.json() })
        case .map(let members):
            .object(members.map { member in
                let key: String
                if case .string(let s) = member.key { key = s } else { key = member.key.json().serialized() }
                return (key, member.value.json())
            })
        }
    }
}
