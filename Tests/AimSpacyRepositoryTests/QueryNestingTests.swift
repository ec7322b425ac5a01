import AimSpacyBackendTestSupport
@testable import AimSpacyRepository
import Testing

/// Hostile nesting is refused at the level that goes one too deep, with its column, instead of
/// exhausting the stack; long flat chains of `or`/`and` still work.
@Suite struct QueryNestingTests {
    static let tooDeep = 10_000
    static let limit = QueryParser.maximumDepth

    /// Each builds a query nested `n` levels deep and gives the column of level `k`'s opening token.
    static let shapes: [(name: String, build: @Sendable (Int) -> String, column: @Sendable (Int) -> Int)] = [
        ("parentheses", { String(repeating: "(", count: $0) + "1" + String(repeating: ")", count: $0) }, { $0 }),
        ("lists", { String(repeating: "[", count: $0) + "1" + String(repeating: "]", count: $0) }, { $0 }),
        ("not", { String(repeating: "not ", count: $0) + "1" }, { 4 * ($0 - 1) + 1 }),
        ("signs", { String(repeating: "-", count: $0) + "1" }, { $0 }),
        ("subscripts", { "run.hparams" + String(repeating: "['a']", count: $0 - 1) + " == 1" }, { $0 == 1 ? 4 : 12 + 5 * ($0 - 2) }),
        ("calls", { String(repeating: "metric(", count: $0) + "'x'" + String(repeating: ")", count: $0) + ".last" }, { 7 * $0 }),
    ]

    @Test(arguments: 0..<shapes.count)
    func tooDeepIsRefusedWithTheColumnOfTheLevelTooMany(shape: Int) {
        let (name, build, column) = Self.shapes[shape]
        let error = #expect(throws: QueryError.self, "\(name)") { _ = try RunQuery(build(Self.tooDeep)) }
        #expect(error?.column == column(Self.limit + 1), "\(name)")
        #expect(error?.message.contains("nested more than \(Self.limit) levels") == true, "\(name)")
    }

    @Test(arguments: Backend.allCases)
    func theLimitItselfIsAccepted(_ backend: Backend) throws {
        let everyone = ["alice-ner", "alice-spancat", "bob-ner", "carol"]
        for (name, build, _) in Self.shapes.prefix(4) {
            guard let names = try QueryTests.selected(build(Self.limit), on: backend) else { return }
            #expect(names == everyone, "\(name)")
        }
    }

    /// Python's `a or b or c` is one `BoolOp`: thousands of alternatives do not nest.
    @Test(arguments: Backend.allCases)
    func longChainsOfAlternativesStayFlat(_ backend: Backend) throws {
        let names = (0..<Self.tooDeep).map { "run.name == 'nobody-\($0)'" } + ["run.name == 'carol'"]
        guard let selected = try QueryTests.selected(names.joined(separator: " or "), on: backend) else { return }
        #expect(selected == ["carol"])
        let conditions = Array(repeating: "run.steps >= 0", count: Self.tooDeep) + ["run.name == 'bob-ner'"]
        #expect(try QueryTests.selected(conditions.joined(separator: " and "), on: backend) == ["bob-ner"])
    }
}
