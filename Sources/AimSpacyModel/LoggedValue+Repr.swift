extension LoggedValue {
    /// Appends Python's `repr` of `value` (how `json.dumps` writes it). A logged value is its printed
    /// decimal, maybe scaled by 10^-2 (scores); when that decimal is short (`ShortDecimal`) and gives
    /// `value`, its digits are the repr and no float formatting is needed.
    public func appendValueRepr(to out: inout [UInt8]) {
        var text = printed
        let done = text.withUTF8 { bytes -> Bool in
            guard let decimal = ShortDecimal(UnsafeRawBufferPointer(bytes)) else { return false }
            if decimal.double?.bitPattern == value.bitPattern {
                // A JSONL value is printed as its repr already; a `{:.2f}` cell may end in a zero to drop.
                let fraction = bytes.firstIndex(of: UInt8(ascii: ".")).map { bytes.count - $0 - 1 } ?? 0
                if fraction > 0, bytes[bytes.count - 1] != UInt8(ascii: "0") || fraction == 1, decimal.isPositionalInRepr {
                    out.append(contentsOf: bytes)
                } else {
                    decimal.appendPythonRepr(to: &out)
                }
                return true
            }
            let scaled = decimal.scaled(by: -2)
            guard scaled.double?.bitPattern == value.bitPattern else { return false }
            scaled.appendPythonRepr(to: &out)
            return true
        }
        if !done { out.append(contentsOf: JSONValue.pythonRepr(value).utf8) }
    }
}
