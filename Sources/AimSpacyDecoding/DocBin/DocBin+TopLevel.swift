/// Reads the top-level map of a DocBin payload into byte ranges and offsets (spec §1.2).
struct TopLevel {
    var attrs: [UInt64] = []
    var tokens = 0..<0
    var spaces = 0..<0
    var lengths = 0..<0
    var strings = StringStore()
    var cats: [Int] = []
    var flags: [Int]?
    var spanGroups: [Range<Int>]?
    var userData: [Range<Int>?]?
    /// Where each key's value starts, for errors about it.
    var keyOffsets: [String: Int] = [:]

    mutating func read(_ reader: inout MsgPackReader) throws(DecodingError) {
        let members = try reader.readMapHeader()
        var seen: Set<String> = []
        for _ in 0..<members {
            let keyStart = reader.offset
            let keyItem = try reader.next()
            guard case .string(let keyRange) = keyItem else {
                throw reader.error("expected a str key in the DocBin map, found msgpack \(keyItem.typeName)", at: keyStart)
            }
            let key = try reader.string(keyRange)
            keyOffsets[key] = reader.offset
            seen.insert(key)
            do { try readValue(of: key, &reader) } catch { throw error.prefixingPath(key) }
        }
        for required in ["attrs", "tokens", "spaces", "lengths", "strings", "cats"] where !seen.contains(required) {
            throw reader.error("the DocBin map has no `\(required)` key (spaCy 3.8 requires it)", at: 0)
        }
    }

    /// Reads the value of one top-level key; errors carry the path below the key.
    private mutating func readValue(of key: String, _ reader: inout MsgPackReader) throws(DecodingError) {
        switch key {
        case "attrs":
            let n = try reader.readArrayHeader()
            attrs.reserveCapacity(n)
            for i in 0..<n {
                do { attrs.append(try reader.readUInt64Pattern()) } catch { throw error.prefixingPath("[\(i)]") }
            }
        case "tokens": tokens = try reader.readBinary()
        case "spaces": spaces = try reader.readBinary()
        case "lengths": lengths = try reader.readBinary()
        case "strings":
            let n = try reader.readArrayHeader()
            for i in 0..<n {
                do { strings.add(try reader.readString()) } catch { throw error.prefixingPath("[\(i)]") }
            }
        case "cats":
            cats = try offsets(&reader)
        case "flags":
            flags = try offsets(&reader)
        case "span_groups":
            let n = try reader.readArrayHeader()
            var groups: [Range<Int>] = []
            groups.reserveCapacity(n)
            for i in 0..<n {
                do { groups.append(try reader.readBinary()) } catch { throw error.prefixingPath("[\(i)]") }
            }
            spanGroups = groups
        case "user_data":
            let n = try reader.readArrayHeader()
            var data: [Range<Int>?] = []
            data.reserveCapacity(n)
            for _ in 0..<n {
                let start = reader.offset
                let item = try reader.next()
                switch item {
                case .binary(let r): data.append(r)
                case .nil: data.append(nil)
                default:
                    throw reader.error(
                        "expected bin (msgpack of Doc.user_data) or nil, found msgpack \(item.typeName)", at: start
                    ).prefixingPath("[\(data.count)]")
                }
            }
            userData = data
        default:
            try reader.skipValue()
        }
    }

    /// Records the offset of every element of an array of values and skips them.
    private func offsets(_ reader: inout MsgPackReader) throws(DecodingError) -> [Int] {
        let n = try reader.readArrayHeader()
        var result: [Int] = []
        result.reserveCapacity(n)
        for i in 0..<n {
            result.append(reader.offset)
            do { try reader.skipValue() } catch { throw error.prefixingPath("[\(i)]") }
        }
        return result
    }
}
