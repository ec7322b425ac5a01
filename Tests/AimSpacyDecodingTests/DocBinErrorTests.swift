import AimSpacyDecoding
import AimSpacyModel
import AimSpacyTestSupport
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

/// Errors inside per-doc entries name the doc's entry and the place within it.
@Suite struct DocBinKeyPathTests {
    /// The inflated payload of a fixture with the first occurrence of `needle` (a msgpack str with its
    /// header) given invalid UTF-8; returns the payload and the offset of the str header.
    static func corrupt(_ path: String, _ needle: String) throws -> ([UInt8], Int) {
        var payload = try DocBinRobustnessTests.payload(path)
        let bytes = [UInt8(0xa0 | needle.utf8.count)] + Array(needle.utf8)
        let at = try #require((0...(payload.count - bytes.count)).first { Array(payload[$0..<($0 + bytes.count)]) == bytes })
        payload[at + 1] = 0xff
        return (payload, at)
    }

    static func docBin(_ payload: [UInt8]) throws -> DocBin {
        try payload.withUnsafeBytes { raw in try DocBin(payload: InflatedBuffer(copying: raw)) }
    }

    @Test func categoryLabel() throws {
        let (payload, at) = try Self.corrupt("docbin/unicode.spacy", "ascii")
        let error = try #require(throws: DecodingError.self) { try Self.docBin(payload).doc(at: 0) }
        #expect(error.location == .binary(offset: at, path: "cats[0]"))
        #expect(error.message.contains("UTF-8"))
    }

    @Test func spanGroupName() throws {
        let (payload, at) = try Self.corrupt("docbin/overlapping-spans.spacy", "chunks")
        let docBin = try Self.docBin(payload)
        let error = try #require(throws: DecodingError.self) { try docBin.doc(at: 0) }
        #expect(error.location == .binary(offset: at + 1, path: "span_groups[0]{2}.name"))
        let counting = try #require(throws: DecodingError.self) { try docBin.counts() }
        #expect(counting == error)
    }

    @Test func topLevelString() throws {
        let (payload, at) = try Self.corrupt("docbin/only-orth.spacy", "Alice")
        let error = try #require(throws: DecodingError.self) { try Self.docBin(payload) }
        #expect(error.location == .binary(offset: at + 1, path: "strings[3]"))
    }
}
