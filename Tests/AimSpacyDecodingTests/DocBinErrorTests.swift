import AimSpacyDecoding
import AimSpacyModel
import Foundation
import Testing

/// Files spaCy itself rejects (made by `scripts/make_docbin_fixtures.py`, which records where spaCy
/// fails): the error names the doc, the attribute and the byte offset of the offending value.
@Suite struct DocBinErrorTests {
    @Test(arguments: ["bad-head", "bad-iob", "bad-iob-value", "bad-tag"])
    func errorNamesDocAttributeAndOffset(_ name: String) throws {
        let expected = try JSONValue.parse(String(decoding: try Fixture.data("docbin/\(name).error.json"), as: UTF8.self))
        let doc = try #require(expected["doc"].flatMap { if case .int(let i) = $0 { i } else { nil } })
        let offset = try #require(expected["offset"].flatMap { if case .int(let i) = $0 { i } else { nil } })
        let attr = try #require(expected["attr"]?.stringValue)
        let docBin = try DocBinSupport.load("docbin/\(name).spacy")
        for index in 0..<doc { _ = try docBin.doc(at: index) }
        let error = try #require(throws: DecodingError.self) { try docBin.doc(at: doc) }
        #expect(error.location == .binary(offset: offset, path: "tokens[doc \(doc)].\(attr)"))
        if let code = expected["expect"]?.stringValue, code.hasPrefix("E") {
            #expect(error.message.contains(code))
        }
        #expect(error.inFile("x.spacy").description.hasPrefix("x.spacy: byte \(offset) (tokens[doc \(doc)].\(attr)): error: "))
    }

    @Test func notZlibIsAnError() throws {
        let error = try #require(throws: DecodingError.self) { try DocBinSupport.decode(Data("{\"a\": 1}".utf8)) }
        #expect(error.message.contains("zlib"))
    }

    @Test func missingKeyIsNamed() throws {
        // A payload of msgpack {"version": "0.1"}.
        let payload: [UInt8] = [0x81, 0xa7] + Array("version".utf8) + [0xa3] + Array("0.1".utf8)
        let error = try #require(throws: DecodingError.self) {
            try payload.withUnsafeBytes { raw in try DocBin(payload: InflatedBuffer(copying: raw)) }
        }
        #expect(error.message.contains("no `attrs` key"))
    }

    @Test func wrongTypeNamesTheKeyPath() throws {
        // {"attrs": "x"}: attrs must be an array.
        let payload: [UInt8] = [0x81, 0xa5] + Array("attrs".utf8) + [0xa1, 0x78]
        let error = try #require(throws: DecodingError.self) {
            try payload.withUnsafeBytes { raw in try DocBin(payload: InflatedBuffer(copying: raw)) }
        }
        #expect(error.location == .binary(offset: 7, path: "attrs"))
        #expect(error.message == "expected an array, found msgpack str")
    }
}
