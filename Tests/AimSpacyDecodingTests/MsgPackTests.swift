import AimSpacyDecoding
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// The MessagePack reader against values packed by srsly's own msgpack (every format marker).
@Suite struct MsgPackTests {
    @Test func everyFormatDecodes() throws {
        let data = try Fixture.data("docbin/msgpack-formats.bin")
        let expected = try DocBinSupport.expectedLines("docbin/msgpack-formats.jsonl")
        try data.withUnsafeBytes { raw in
            var reader = MsgPackReader(raw)
            for item in expected {
                let offset = try #require(intValue(item["offset"]))
                let size = try #require(intValue(item["size"]))
                #expect(reader.offset == offset)
                #expect(Int(raw[offset]) == intValue(item["marker"]))
                let value = try reader.readValue()
                #expect(reader.offset == offset + size, "\(item.serialized())")
                try check(value, item, reader)

                var skipper = MsgPackReader(raw)
                skipper.bytes.offset = offset
                try skipper.skipValue()
                #expect(skipper.offset == offset + size)
            }
            #expect(reader.bytes.isAtEnd)
        }
    }

    private func intValue(_ value: JSONValue?) -> Int? {
        if case .int(let i)? = value { return i }
        return nil
    }

    private func check(_ value: MsgPackValue, _ item: JSONValue, _ reader: MsgPackReader) throws {
        let want = item["value"]
        switch (item["type"]?.stringValue, value) {
        case ("nil", .nil): break
        case ("bool", .bool(let b)): #expect(want == .bool(b))
        case ("int", .int(let v)): #expect(want == .string(String(v)))
        case ("int", .uint(let v)): #expect(want == .string(String(v)))
        case ("float", .float(let v)): #expect(want == .string(JSONValue.pythonRepr(v)))
        case ("str", .string(let s)): #expect(want == .string(s))
        case ("bin", .binary(let r)):
            #expect(want == .string(Data(reader.slice(r)).base64EncodedString()))
        case ("ext", .ext(let type, let r)):
            #expect(intValue(item["ext"]) == Int(type))
            #expect(want == .string(Data(reader.slice(r)).base64EncodedString()))
        case ("array", .array(let items)):
            #expect(intValue(item["count"]) == items.count)
            if case .string(let sum)? = item["sum"] {
                let total = items.reduce(Int64(0)) { acc, v in if case .int(let i) = v { acc + i } else { acc } }
                #expect(sum == String(total))
            }
        case ("map", .map(let members)): #expect(intValue(item["count"]) == members.count)
        default: Issue.record("type mismatch: \(item.serialized()) vs \(value)")
        }
    }

    @Test func numpyArraysDecode() throws {
        let data = try Fixture.data("docbin/msgpack-numpy.bin")
        let expected = try JSONValue.parse(String(decoding: try Fixture.data("docbin/msgpack-numpy.json"), as: UTF8.self))
        guard case .array(let wants) = expected else { throw DecodingError(location: .none, message: "bad fixture") }
        try data.withUnsafeBytes { raw in
            var reader = MsgPackReader(raw)
            guard case .array(let values) = try reader.readValue() else {
                Issue.record("not an array")
                return
            }
            #expect(values.count == wants.count)
            for (value, want) in zip(values, wants) {
                let array = try #require(MsgPackNumpyArray(value, in: reader))
                #expect(.string(array.dtype) == want["dtype"])
                #expect(.array(array.shape.map { .int($0) }) == want["shape"])
                let elements = (0..<array.elementCount).map { array.element($0, in: reader).map(JSONValue.double) ?? .null }
                #expect(.array(elements) == want["values"])
            }
        }
    }

    @Test func errorsCarryOffsetAndPath() throws {
        // [1, <str8 claiming 200 bytes with 2 present>]
        let bytes: [UInt8] = [0x92, 0x01, 0xd9, 0xc8, 0x61, 0x62]
        try bytes.withUnsafeBytes { raw in
            var reader = MsgPackReader(raw, origin: 100, path: "cats[2]")
            let error = try #require(throws: DecodingError.self) { try reader.readValue() }
            #expect(error.location == .binary(offset: 104, path: "cats[2]"))
            #expect(error.message.contains("truncated"))
        }
        let never: [UInt8] = [0xc1]
        try never.withUnsafeBytes { raw in
            var reader = MsgPackReader(raw)
            let error = try #require(throws: DecodingError.self) { try reader.next() }
            #expect(error.message.contains("0xc1"))
        }
    }

    @Test func hugeCountsAreRejectedBeforeAllocating() throws {
        let bytes: [UInt8] = [0xdd, 0xff, 0xff, 0xff, 0xff, 0x00]
        try bytes.withUnsafeBytes { raw in
            var reader = MsgPackReader(raw)
            #expect(throws: DecodingError.self) { try reader.readValue() }
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let bytes = [UInt8](repeating: 0x91, count: 100_000) + [0x00]
        try bytes.withUnsafeBytes { raw in
            var reader = MsgPackReader(raw)
            #expect(throws: DecodingError.self) { try reader.readValue() }
            var skipper = MsgPackReader(raw)
            try skipper.skipValue()
            #expect(skipper.bytes.isAtEnd)
        }
    }
}
