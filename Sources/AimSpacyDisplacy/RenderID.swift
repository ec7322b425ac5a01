/// A deterministic stand-in for the random `uuid.uuid4().hex` prefix of dep renders: 32 hex digits
/// from two 64-bit FNV-1a hashes of everything that is rendered, so equal input gives equal markup.
struct RenderID: Sendable {
    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x6c62_272e_07bb_0142

    mutating func add(_ text: String) {
        for byte in text.utf8 { mix(byte) }
        mix(0xFF)
    }

    mutating func add(_ number: Int) { add(String(number)) }

    private mutating func mix(_ byte: UInt8) {
        a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        b = (b ^ UInt64(byte ^ 0x5A)) &* 0x0000_0100_0000_01B3
    }

    mutating func add(_ parse: DependencyParse) {
        add(parse.words.count)
        for w in parse.words {
            add(w.text)
            add(w.tag)
            add(w.lemma ?? "\u{0}")
        }
        add(parse.arcs.count)
        for arc in parse.arcs {
            add(arc.start)
            add(arc.end)
            add(arc.label)
            add(arc.dir)
        }
        add(parse.title ?? "")
    }

    /// The id of the SVG at `index` of a call: `{hex}-{index}`, as spaCy's `f"{render_id}-{i}"`.
    struct Field: MarkupField {
        let hex: String
        let index: Int

        func write(to out: inout MarkupBuffer) {
            out.append(hex)
            out.append(byte: 0x2D)
            out.append(index)
        }
    }

    /// 32 lower-case hex digits.
    var hex: String {
        func pad(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return pad(a) + pad(b)
    }
}
