import AimSpacyDecoding

/// libFuzzer entry point: any bytes must give a config or a `DecodingError`, in every mode, and
/// whatever parses must write out and read back without trapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func configFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    for (interpolate, newlines) in [(true, ConfigNewlines.universal), (false, ConfigNewlines.lineFeed)] {
        guard let config = try? Config.parse(bytes, interpolate: interpolate, newlines: newlines) else { continue }
        _ = try? config.text()
        _ = try? SpacyConfig(config)
        if !interpolate { _ = try? config.interpolated() }
    }
    return 0
}
