import AimSpacyModel
import Foundation
import Testing

@Suite struct RunJSONTests {
    /// Our timestamps agree with Foundation's ISO 8601 formatter, an independent implementation.
    @Test(arguments: [0.0, -1.0, 951_782_400.0, 1_764_200_000.0, -2_208_988_800.0, 4_102_444_799.0, 1_709_164_800.0, 1_764_200_000.25, 1_764_200_000.999])
    func timestampsAreISO8601InUTC(seconds: Double) {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let whole = seconds.rounded(.down) == seconds
        formatter.formatOptions = whole ? [.withInternetDateTime] : [.withInternetDateTime, .withFractionalSeconds]
        let date = Date(timeIntervalSince1970: seconds)
        #expect(Run.timestamp(date) == formatter.string(from: date))
    }

    @Test func showJSONLeavesOutPointsAndMarkupOnRequest() throws {
        let run = try SampleRuns.ner(seed: 3)
        let full = run.jsonValue()
        let light = run.jsonValue(points: false, markup: false)
        #expect(full["renders"]?[run.renders[0].id]?["markup"] == .string(run.renders[0].markup))
        #expect(light["renders"] == nil)
        guard case .array(let series) = light["series"], case .array(let fullSeries) = full["series"] else {
            Issue.record("series is not a list")
            return
        }
        #expect(series.count == run.series.count)
        #expect(series[1]["context"] == .object([("component", .string("ner"))]))
        #expect(series[1]["count"] == .int(12))
        #expect(series[1]["last"] == .double(run.series[1].points.last?.value ?? 0))
        #expect(series[1]["points"] == nil)
        guard case .array(let points) = fullSeries[2]["points"] else {
            Issue.record("points is not a list")
            return
        }
        #expect(points.count == 12)
        #expect(points[2] == .array([.int(400), .int(1), .double(run.series[2].points[2].value)]))
        #expect(full["settings"]?["image_size"] == .string("800,250"))
        #expect(full["final"]?["model-best"]?["sents_f"] == .null)
        #expect(full["datasets"]?.value(atPath: []) != nil)
        // The text parses back to the same tree.
        #expect(try JSONValue.parse(full.serialized(indent: 2)) == full)
    }

    @Test func aRunReadsBackFromItsJSON() throws {
        var run = try SampleRuns.ner(seed: 4, tags: ["a", "b"])
        // JSON times have millisecond precision.
        run.created = Date(timeIntervalSince1970: 1_764_200_000)
        run.imported = Date(timeIntervalSince1970: 1_764_300_001)
        let text = run.jsonValue().serialized(indent: 2)
        #expect(try Run(json: JSONValue.parse(text)) == run)
    }

    @Test func aBrokenRunJSONNamesTheKeyPath() throws {
        var json = try SampleRuns.ner(seed: 1).jsonValue()
        guard case .object(var members) = json, let index = members.firstIndex(where: { $0.key == "series" }) else {
            Issue.record("not an object")
            return
        }
        members[index].value = .array([.object([("name", .string("loss")), ("context", .object([])), ("points", .array([.array([.int(0), .int(0)])]))])])
        json = .object(members)
        #expect(throws: RunJSONError(path: "run.series[0].points[0]", expected: "[step, epoch, value]")) { try Run(json: json) }
    }

    @Test(arguments: ["1970-01-01T00:00:00Z", "2026-11-27T00:17:14.250Z", "1899-12-31T23:59:59Z", "2000-02-29T12:00:00.001Z"])
    func timestampsParseBack(text: String) throws {
        let date = try #require(Run.date(fromTimestamp: text))
        #expect(Run.timestamp(date) == text)
    }
}
