import AimSpacyDecoding
import AimSpacyModel

/// libFuzzer entry for the DocBin decoder: the input is tried both as a `.spacy` file (zlib) and as
/// an inflated msgpack payload; everything a file holds is decoded (counts, every doc, to_json).
/// Any outcome but a trap is fine: errors are the expected answer to most inputs.
@_cdecl("LLVMFuzzerTestOneInput")
public func docBinFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = UnsafeRawBufferPointer(start: data, count: size)
    if let docBin = try? DocBin(bytes: raw, limits: InflateLimits(maximumSize: 1 << 24)) { exercise(docBin) }
    if let docBin = try? DocBin(payload: InflatedBuffer(copying: raw)) { exercise(docBin) }
    return 0
}

private func exercise(_ docBin: DocBin) {
    _ = try? docBin.counts()
    for result in docBin.docs {
        if case .success(let doc) = result { _ = doc.toJSON().serialized() }
    }
}
