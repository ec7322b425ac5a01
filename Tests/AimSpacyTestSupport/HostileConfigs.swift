/// Config texts made to cost as much as possible per byte, for the tests that bound that cost.
public enum HostileConfigs {
    /// Variables that multiply: `[b{levels-1}] v` holds `base` bytes, every level above refers
    /// `copies` times to the one below, and `tops` sections refer `copies` times to `[b1]`.
    /// Text of a few KB; interpolated, `copies^levels × base` bytes per top section.
    public static func interpolationBomb(levels: Int = 9, copies: Int = 3, base: Int = 1000, tops: Int = 1000) -> String {
        var lines: [String] = []
        let refer = { (name: String) in Array(repeating: "${\(name).v}", count: copies).joined(separator: " ") }
        for level in 0..<levels {
            lines.append("[b\(level)]")
            lines.append(level == levels - 1 ? "v = " + String(repeating: "x", count: base) : "v = " + refer("b\(level + 1)"))
        }
        for top in 0..<tops {
            lines.append("[t\(top)]")
            lines.append("v = " + refer("b1"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Sections nested `depth` levels deep, each declared: `[a]`, `[a.a]`, `[a.a.a]`, …, each with a value.
    public static func nestedSections(depth: Int) -> String {
        var text = ""
        var name = ""
        for level in 0..<depth {
            name += level == 0 ? "a" : ".a"
            text += "[\(name)]\nx = \(level)\n"
        }
        return text
    }

    /// One section header of `parts` dotted parts below a declared `[a]`: `[a.*.*.…]`, which confection
    /// reads without declaring the `*` levels.
    public static func longHeader(parts: Int) -> String {
        "[a]\nx = 1\n\n[a" + String(repeating: ".*", count: parts - 1) + "]\ny = 2\n"
    }
}
