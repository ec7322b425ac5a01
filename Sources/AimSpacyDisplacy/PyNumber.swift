import AimSpacyModel

/// A Python number as displaCy's geometry computes it: `int` stays `int` under `+ - *`,
/// `/` always gives a `float`, and `str()` prints floats with a decimal point (`182.0`).
enum PyNumber: Sendable, Equatable, CustomStringConvertible {
    case int(Int)
    case float(Double)

    var double: Double {
        switch self {
        case .int(let i): return Double(i)
        case .float(let d): return d
        }
    }

    static func + (a: PyNumber, b: PyNumber) -> PyNumber {
        if case .int(let x) = a, case .int(let y) = b { return .int(x &+ y) }
        return .float(a.double + b.double)
    }

    static func - (a: PyNumber, b: PyNumber) -> PyNumber {
        if case .int(let x) = a, case .int(let y) = b { return .int(x &- y) }
        return .float(a.double - b.double)
    }

    static func * (a: PyNumber, b: PyNumber) -> PyNumber {
        if case .int(let x) = a, case .int(let y) = b { return .int(x &* y) }
        return .float(a.double * b.double)
    }

    /// Python's true division.
    static func / (a: PyNumber, b: PyNumber) -> PyNumber {
        .float(a.double / b.double)
    }

    static prefix func - (a: PyNumber) -> PyNumber {
        switch a {
        case .int(let i): return .int(0 &- i)
        case .float(let d): return .float(-d)
        }
    }

    /// Python's numeric equality (`1 == 1.0`).
    func equals(_ other: PyNumber) -> Bool { double == other.double }

    /// Python's `str()`.
    var description: String {
        switch self {
        case .int(let i): return String(i)
        case .float(let d):
            if d.isNaN { return "nan" }
            if d.isInfinite { return d < 0 ? "-inf" : "inf" }
            // Fast path for the integral values most coordinates are: Python prints `182.0`.
            if d == d.rounded(.towardZero) && abs(d) < 1e15 {
                return d == 0 && d.sign == .minus ? "-0.0" : String(Int(d)) + ".0"
            }
            return JSONValue.pythonRepr(d)
        }
    }

    /// The number held by a JSON option value; booleans count as `0`/`1` as in Python.
    init?(_ value: JSONValue) {
        switch value {
        case .int(let i): self = .int(i)
        case .double(let d): self = .float(d)
        case .bool(let b): self = .int(b ? 1 : 0)
        default: return nil
        }
    }
}

extension PyNumber: ExpressibleByIntegerLiteral {
    init(integerLiteral value: Int) { self = .int(value) }
}
