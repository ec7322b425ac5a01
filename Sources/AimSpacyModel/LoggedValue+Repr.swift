extension LoggedValue {
    /// Appends Python's `repr` of `value` (how `json.dumps` writes it). A logged value is its printed
    /// decimal, maybe scaled by 10^-2 (scores); when that decimal is short (`ShortDecimal`) and gives
    /// `value`, its digits are the repr and no float formatting is needed.
    public func appendValueRepr(to out: inout [UInt8]) {
        var text = printed
        let decimal = text.withUTF8 { ShortDecimal(UnsafeRawBufferPointer($0)) }
        if let decimal {
            for shift in [0, -2] {
                let scaled = decimal.scaled(by: shift)
                if let double = scaled.double, double.bitPattern == value.bitPattern {
                    scaled.appendPythonRepr(to: &out)
                    return
                }
            }
        }
        out.append(contentsOf: JSONValue.pythonRepr(value).utf8)
    }
}
