/// confection's `VARIABLE_RE` (`\$\{[\w\.:]+\}`): whether text holds a `${…}` variable.
enum ConfigVariables {
    static func containsVariable(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i + 2 < scalars.count {
            if scalars[i] == "$", scalars[i + 1] == "{" {
                var j = i + 2
                while j < scalars.count, isVariableCharacter(scalars[j]) { j += 1 }
                if j > i + 2, j < scalars.count, scalars[j] == "}" { return true }
            }
            i += 1
        }
        return false
    }

    /// Python's `\w` (letters, numbers, underscore) plus `.` and `:`.
    static func isVariableCharacter(_ s: Unicode.Scalar) -> Bool {
        if s == "." || s == ":" || s == "_" { return true }
        if s.isASCII { return (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return s.properties.numericType != nil
        }
    }
}
