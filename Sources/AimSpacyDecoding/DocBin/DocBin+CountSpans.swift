/// Counting span groups for `DocBin.counts()`.
extension DocBin {
    /// The spans of one doc's groups, counted by group name and label ID, with the key rules of
    /// `rawSpanGroups` (so both paths agree) but without building any span value.
    func countSpans(
        doc index: Int, names: inout LabelCache, entries: inout [(name: Int, group: Range<Int>)],
        into tally: inout [[UInt64: Tally]]
    ) throws(DecodingError) {
        guard let spanGroups else { return }
        let range = spanGroups[index]
        if range.isEmpty || (range.count == 1 && payload.bytes[range.lowerBound] == 0x90) { return }
        entries.removeAll(keepingCapacity: true)
        var reader = reader(nested: range)
        func store(_ name: Int, _ group: Range<Int>) {
            if let existing = entries.firstIndex(where: { $0.name == name }) {
                entries[existing].group = group
            } else {
                entries.append((name, group))
            }
        }
        do throws(DecodingError) {
            let start = reader.offset
            switch try reader.next() {
            case .array(let n):
                for i in 0..<n {
                    do throws(DecodingError) {
                        let local = try reader.readBinary()
                        let group = (range.lowerBound + local.lowerBound)..<(range.lowerBound + local.upperBound)
                        let inner = try groupName(group, names: &names)
                        store(inner.name, inner.spans)
                    } catch {
                        throw error.prefixingPath("[\(i)]")
                    }
                }
            case .map(let n):
                for i in 0..<n {
                    do throws(DecodingError) {
                        let local = try reader.readBinary()
                        let group = (range.lowerBound + local.lowerBound)..<(range.lowerBound + local.upperBound)
                        let spans = try groupName(group, names: &names).spans
                        let keys = try reader.readArrayHeader()
                        for _ in 0..<keys {
                            let key = try reader.readStringRange()
                            store(try names.index(of: reader.slice(key), reader: reader, at: key.lowerBound), spans)
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
        for entry in entries {
            while tally.count <= entry.name { tally.append([:]) }
            let group = entry.group
            do throws(DecodingError) {
                try forEachSpanLabel(group) { label, at in tally[entry.name][label, default: Tally(at: at)].count += 1 }
            } catch {
                throw error.prefixingPath("span_groups[\(index)]")
            }
        }
    }

    /// Checks a serialized SpanGroup's shape; returns the number of its `name` and the payload
    /// range of its `spans` array's elements.
    func groupName(_ group: Range<Int>, names: inout LabelCache) throws(DecodingError) -> (name: Int, spans: Range<Int>) {
        var reader = reader(nested: group)
        let members = try reader.readMapHeader()
        var name: Int?
        var spans: Range<Int>?
        for _ in 0..<members {
            let keyStart = reader.offset
            let key = try reader.next()
            guard case .string(let keyRange) = key else {
                throw reader.error("expected a str key in a serialized SpanGroup, found msgpack \(key.typeName)", at: keyStart)
            }
            if reader.stringEquals(keyRange, "name") {
                do {
                    let r = try reader.readStringRange()
                    name = try names.index(of: reader.slice(r), reader: reader, at: r.lowerBound)
                } catch { throw error.prefixingPath(".name") }
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

    /// Calls `body` with the label ID and payload offset of every span in a checked `spans` array.
    func forEachSpanLabel(_ spans: Range<Int>, _ body: (UInt64, Int) -> Void) throws(DecodingError) {
        var reader = reader(nested: spans)
        while !reader.bytes.isAtEnd {
            let raw = try reader.readBinary()
            let label = UInt64(bigEndian: reader.slice(raw).loadUnaligned(fromByteOffset: 16, as: UInt64.self))
            body(label, spans.lowerBound + raw.lowerBound + 16)
        }
    }
}
