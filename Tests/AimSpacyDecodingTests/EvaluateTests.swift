import AimSpacyDecoding
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// `spacy evaluate --output` metrics and `--displacy-path` pages.
@Suite struct EvaluateTests {
    static let metrics = ["trainings/ner-aim/evaluate/metrics.json", "logs/evaluate/metrics.json"]
    static let pages = [
        ("trainings/ner-aim/evaluate/entities.html", "ent"), ("logs/evaluate/entities.html", "ent"),
        ("logs/evaluate/parses.html", "dep"), ("logs/evaluate/spans.html", "span"),
    ]

    @Test(arguments: metrics)
    func metricsMatchTheJSON(path: String) throws {
        let data = try Fixture.data(path)
        let decoded = try EvaluationMetricsDecoder.decode([UInt8](data))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        try ScoreCheck.same(scores: decoded.scores, tables: decoded.perLabel, as: object)
        #expect(decoded.json == (try JSONValue.parse(String(decoding: data, as: UTF8.self))))
        #expect(decoded.finalScores(model: "evaluate").score("speed") == (object["speed"] as? NSNumber)?.doubleValue)
    }

    /// spaCy's `TPL_PAGE` around `TPL_FIGURE`s (displaCy strips the page): the file must be exactly the
    /// page rebuilt from the decoded figures, so every figure's markup is byte for byte the file's.
    @Test(arguments: pages)
    func pageIsRebuiltExactlyFromItsFigures(path: String, style: String) throws {
        let data = try Fixture.data(path)
        let page = try DisplacyPageDecoder.decode([UInt8](data))
        #expect(page.style == style)
        let text = String(decoding: data, as: UTF8.self)
        #expect(page.figures.count == text.components(separatedBy: "<figure style=\"margin-bottom: 6rem\">").count - 1)
        let head = """
            <!DOCTYPE html>
            <html lang="en">
                <head>
                    <title>displaCy</title>
                </head>

                <body style="font-size: 16px; font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji', 'Segoe UI Symbol'; padding: 4rem 2rem; direction: ltr">
            """
        let body = page.figures.map { "\n<figure style=\"margin-bottom: 6rem\">\($0.markup)</figure>\n" }.joined()
        #expect(head + body + "</body>\n</html>" == text)
        if style != "dep" {
            #expect(page.figures.first?.title != nil)
            #expect(page.figures.dropFirst().allSatisfy { $0.title == nil })
        }
        let figureLines = text.components(separatedBy: "\n").enumerated().filter { $0.element.hasPrefix("<figure ") }
        #expect(page.figures.map(\.line) == figureLines.map { $0.offset + 1 })
    }

    @Test(arguments: metrics)
    func cutAndFlippedMetrics(path: String) throws {
        let bytes = [UInt8](try Fixture.data(path))
        for input in Mutations.truncations(bytes, samples: 200) + Mutations.flips(bytes, samples: 80) {
            do {
                _ = try EvaluationMetricsDecoder.decode(input)
            } catch {
                #expect(Mutations.isLocated(error), "\(error)")
            }
        }
    }

    @Test(arguments: pages)
    func cutAndFlippedPages(path: String, style: String) throws {
        let bytes = [UInt8](try Fixture.data(path))
        let figures = try DisplacyPageDecoder.decode(bytes).figures.count
        for input in Mutations.truncations(bytes, samples: 60) + Mutations.flips(bytes, samples: 20) {
            do {
                let page = try DisplacyPageDecoder.decode(input)
                #expect(page.figures.count <= figures + 1)
            } catch {
                #expect(Mutations.isLocated(error), "\(error)")
            }
        }
    }

    /// `null` scores (unavailable) are kept as `nil`, a `null` table as a `nil` score, text descriptions left out.
    @Test func nullsAreKept() throws {
        let text = #"{"ents_f":null,"ents_per_type":null,"cats_score_desc":"macro F","x_per_type":{"A":{"p":null,"r":1}}}"#
        let metrics = try EvaluationMetricsDecoder.decode(Array(text.utf8))
        #expect(metrics.scores == [NamedScore(name: "ents_f", value: nil), NamedScore(name: "ents_per_type", value: nil)])
        #expect(metrics.perLabel == [
            ScoreTable(name: "x_per_type", rows: [
                ScoreRow(label: "A", metrics: [NamedScore(name: "p", value: nil), NamedScore(name: "r", value: 1)])
            ])
        ])
    }

    @Test func aPageWithoutFiguresIsAnError() throws {
        let html = Array("<!DOCTYPE html>\n<html><body><p>nothing</p></body></html>".utf8)
        #expect(throws: DecodingError.self) { try DisplacyPageDecoder.decode(html) }
    }
}
