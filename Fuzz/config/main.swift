import AimSpacyDecoding

/// libFuzzer entry point: any bytes must give a config or a `DecodingError`, in every mode, and
/// whatever parses must write out and read back without trapping. Bytes after a NUL are read as
/// `spacy train` override arguments (one per line), applied before interpolation.
@_cdecl("LLVMFuzzerTestOneInput")
public func configFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let all = UnsafeRawBufferPointer(start: data, count: size)
    let split = all.firstIndex(of: 0) ?? size
    let bytes = UnsafeRawBufferPointer(rebasing: all[..<split])
    var overrides = ConfigOverrides()
    if split < size {
        let lines = String(decoding: all[(split + 1)...], as: UTF8.self).split(separator: "\n").map(String.init)
        overrides = (try? ConfigOverrides.parse(arguments: lines)) ?? ConfigOverrides()
    }
    for (interpolate, newlines) in [(true, ConfigNewlines.universal), (false, ConfigNewlines.lineFeed)] {
        guard let config = try? Config.parse(bytes, interpolate: interpolate, overrides: overrides, newlines: newlines) else {
            continue
        }
        _ = try? config.text()
        _ = try? SpacyConfig(config)
        if !interpolate { _ = try? config.interpolated() }
    }
    return 0
}
