import Testing

/// The two engines a repository can live in; tests of repositories and of the commands over them
/// run against both (`@Test(arguments: Backend.allCases)`).
public enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    public var testDescription: String { rawValue }
}
