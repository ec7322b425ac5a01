import Foundation

/// Escaping and number formatting shared by the pages and the SVG charts.
enum ReportText {
    /// Escapes text for an XML/HTML text node or a double- or single-quoted attribute, dropping
    /// characters XML cannot hold (C0 controls other than tab, newline and carriage return).
    static func escape(_ s: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for u in s.unicodeScalars {
            switch u {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if isXMLCharacter(u) { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// Drops characters XML cannot hold, for strings that the templates escape themselves.
    static func clean(_ s: String) -> String {
        if s.unicodeScalars.allSatisfy(isXMLCharacter) { return s }
        var out = ""
        out.unicodeScalars.append(contentsOf: s.unicodeScalars.filter(isXMLCharacter))
        return out
    }

    static func isXMLCharacter(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x20 { return v == 0x9 || v == 0xA || v == 0xD }
        return v != 0xFFFE && v != 0xFFFF
    }

    /// A coordinate with one decimal, without a trailing `.0` (fast: no Foundation formatting).
    static func coordinate(_ v: Double) -> String {
        guard v.isFinite, abs(v) < 1e12 else { return v.isFinite ? "\(v)" : "0" }
        let tenths = Int((v * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
    }

    /// A value rounded to `significant` digits, in Swift's shortest round-trip form (`0.7277`, `1012.6`).
    static func number(_ v: Double, significant: Int = 5) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "Infinity" : "-Infinity") }
        if v == 0 { return "0" }
        if abs(v) >= 1e15 || abs(v) < 1e-12 { return "\(v)" }
        if v == v.rounded() { return String(Int(v)) }
        let magnitude = Int(floor(log10(abs(v))))
        let decimals = significant - 1 - magnitude
        if decimals <= 0 { return String(Int(v.rounded())) }
        let scale = pow(10.0, Double(min(decimals, 15)))
        let rounded = (v * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return "\(rounded)"
    }

    /// A value with exactly `decimals` decimals (tick labels, tables).
    static func fixed(_ v: Double, decimals: Int) -> String {
        let decimals = min(decimals, 6)
        guard v.isFinite, abs(v) < 1e12 else { return number(v) }
        if decimals <= 0 { return String(Int(v.rounded())) }
        let scale = pow(10.0, Double(decimals))
        let scaled = Int((v * scale).rounded())
        let sign = scaled < 0 ? "-" : ""
        let a = abs(scaled)
        let whole = a / Int(scale)
        var fraction = String(a % Int(scale))
        while fraction.count < decimals { fraction = "0" + fraction }
        return "\(sign)\(whole).\(fraction)"
    }

    /// A score for tables: four decimals for values within ±10, two above.
    static func score(_ v: Double?) -> String {
        guard let v else { return "–" }
        guard v.isFinite else { return number(v) }
        return abs(v) < 10 ? fixed(v, decimals: 4) : fixed(v, decimals: 2)
    }

    /// A file name part made of `[A-Za-z0-9_-]` only.
    static func slug(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if (u >= "a" && u <= "z") || (u >= "A" && u <= "Z") || (u >= "0" && u <= "9") || u == "-" || u == "_" {
                out.unicodeScalars.append(u)
            } else if !out.hasSuffix("-") {
                out += "-"
            }
            if out.count >= 64 { break }
        }
        return out.trimmingCharacters(in: "-")
    }
}

extension String {
    fileprivate func trimmingCharacters(in c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s = s.dropFirst() }
        while s.last == c { s = s.dropLast() }
        return String(s)
    }
}
