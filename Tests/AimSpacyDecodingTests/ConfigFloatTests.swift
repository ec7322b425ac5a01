import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

@testable import AimSpacyDecoding

/// Floats as Python writes them in config values (`repr`, `json.dumps`).
@Suite struct ConfigFloatTests {
    static let floats: [(hex: String, repr: String, dumps: String)] = {
        guard let data = try? Fixture.data("config/floats.json"),
            case .array(let rows)? = try? JSONValue.parse(String(decoding: data, as: UTF8.self))
        else { return [] }
        return rows.compactMap { row in
            guard case .array(let cells) = row, cells.count == 3, let hex = cells[0].stringValue,
                let repr = cells[1].stringValue, let dumps = cells[2].stringValue
            else { return nil }
            return (hex, repr, dumps)
        }
    }()

    @Test func reprMatchesPython() throws {
        #expect(Self.floats.count >= 1500)
        var mismatches: [String] = []
        for (hex, repr, dumps) in Self.floats {
            let value = try #require(Double(hex), "\(hex)")
            if JSONValue.pythonRepr(value) != repr { mismatches.append("\(hex): \(JSONValue.pythonRepr(value)) vs \(repr)") }
            if PythonJSON.dumps(.double(value)) != dumps { mismatches.append("\(hex) dumps") }
            if PythonJSON.loads(repr) != .double(value) { mismatches.append("\(hex) loads \(repr)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }
}
