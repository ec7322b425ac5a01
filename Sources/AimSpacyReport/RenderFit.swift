/// How one displaCy render is scaled into its `image_size` frame, so the whole doc is visible at once
/// (as the AimLogger's images were), while its markup stays untouched inside the wrapper.
///
/// A dep render is an SVG that says its size (`width`, `height`): it is scaled exactly, by a CSS
/// transform. An ent or span render is HTML that flows: its height at a width is unknown without a
/// browser, so it is laid out wider than the frame and zoomed down by an estimate of its text area;
/// the frame scrolls if the estimate falls short.
struct RenderFit: Equatable {
    /// The width the markup is laid out at, in CSS pixels.
    let layoutWidth: Double
    /// The SVG's own height; `nil` for flowing HTML.
    let layoutHeight: Double?
    /// At most 1: renders are shrunk to fit, never enlarged.
    let scale: Double

    init(layoutWidth: Double, layoutHeight: Double?, scale: Double) {
        self.layoutWidth = layoutWidth
        self.layoutHeight = layoutHeight
        self.scale = scale
    }

    /// The fit of `markup` (as the page shows it) in a `width` × `height` frame.
    init(markup: String, width: Int, height: Int) {
        let frameWidth = Double(max(width, 1)), frameHeight = Double(max(height, 1))
        let bytes = Array(markup.utf8)
        if let size = Self.svgSize(bytes) {
            let scale = Self.floored(min(1, frameWidth / size.width, frameHeight / size.height))
            self.init(layoutWidth: size.width, layoutHeight: size.height, scale: scale)
            return
        }
        let area = Self.textArea(bytes)
        let layout = max(frameWidth, (area * frameWidth / frameHeight).squareRoot())
        self.init(layoutWidth: layout.rounded(.up), layoutHeight: nil, scale: Self.floored(frameWidth / layout.rounded(.up)))
    }

    /// The `style` of the wrapper around the markup: for an SVG, the scaled box it occupies.
    var outerStyle: String {
        guard let layoutHeight else {
            let width = "width:\(ReportText.coordinate(layoutWidth))px"
            return scale < 1 ? width + ";zoom:\(ReportText.fixed(scale, decimals: 6))" : width
        }
        return "width:\(Self.ceilTenth(layoutWidth * scale))px;height:\(Self.ceilTenth(layoutHeight * scale))px"
    }

    /// The `style` of the inner box of an SVG: its own size, scaled from the top left corner.
    var innerStyle: String? {
        guard let layoutHeight else { return nil }
        return "width:\(ReportText.coordinate(layoutWidth))px;height:\(ReportText.coordinate(layoutHeight))px;transform:scale(\(ReportText.fixed(scale, decimals: 6)))"
    }

    /// Six decimals, rounded down so the scaled render never exceeds its frame.
    private static func floored(_ v: Double) -> Double { (v * 1_000_000).rounded(.down) / 1_000_000 }

    private static func ceilTenth(_ v: Double) -> String { ReportText.coordinate((v * 10).rounded(.up) / 10) }

    /// `width` and `height` of the first element when it is an `<svg>` (displaCy's dep style).
    static func svgSize(_ bytes: [UInt8]) -> (width: Double, height: Double)? {
        var i = 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        guard bytes[i...].starts(with: Array("<svg".utf8)) else { return nil }
        guard let end = bytes[i...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let tag = Array(bytes[i..<end])
        guard let width = attribute("width", in: tag), let height = attribute("height", in: tag),
              width > 0, height > 0, width.isFinite, height.isFinite else { return nil }
        return (width, height)
    }

    /// The number in ` name="…"` of a start tag.
    private static func attribute(_ name: String, in tag: [UInt8]) -> Double? {
        let key = Array(" \(name)=\"".utf8)
        guard tag.count >= key.count else { return nil }
        for start in 0...(tag.count - key.count) where tag[start..<(start + key.count)].elementsEqual(key) {
            let valueStart = start + key.count
            guard let valueEnd = tag[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
            return Double(String(decoding: tag[valueStart..<valueEnd], as: UTF8.self))
        }
        return nil
    }

    /// Square pixels the flowing text of an ent or span render covers at 16px Arial: its characters (a run
    /// of white space as one) at an average advance, each `<mark>`'s padding (ent); span renders give every
    /// line room for the bars under it.
    static func textArea(_ bytes: [UInt8]) -> Double {
        var characters = 0, marks = 0
        var inTag = false, tagStart = 0, afterSpace = false
        for (i, b) in bytes.enumerated() {
            if inTag {
                guard b == UInt8(ascii: ">") else { continue }
                inTag = false
                if bytes[tagStart..<i].starts(with: Array("<mark".utf8)) { marks += 1 }
            } else if b == UInt8(ascii: "<") {
                inTag = true
                tagStart = i
            } else if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D {
                if !afterSpace { characters += 1 }
                afterSpace = true
            } else if b & 0xC0 != 0x80 {
                characters += 1
                afterSpace = false
            }
        }
        let lineHeight = bytes.starts(with: Array("<div class=\"spans\"".utf8)) ? 64.0 : 40.0
        return (Double(characters) * 8.5 + Double(marks) * 30) * lineHeight * 1.25
    }
}
