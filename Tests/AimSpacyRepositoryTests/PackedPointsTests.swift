import AimSpacyModel
import AimSpacyTestSupport
import Testing

@Suite struct PackedPointsTests {
    private static func sameBits(_ a: [MetricPoint], _ b: [MetricPoint]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy {
            $0.step == $1.step && $0.epoch == $1.epoch && $0.value.bitPattern == $1.value.bitPattern
        }
    }

    @Test(arguments: [0, 1, 2, 100, 10_000])
    func pointsRoundTripBitForBit(count: Int) throws {
        var random = SplitMix64(seed: UInt64(count) + 7)
        var step = Int.random(in: -5...5, using: &random)
        var epoch = 0
        var points: [MetricPoint] = []
        for index in 0..<count {
            step += Int.random(in: 0...400, using: &random)
            if index % 37 == 36 { epoch += 1 }
            let value: Double = switch index % 9 {
            case 0: .nan
            case 1: -.infinity
            case 2: Double(bitPattern: 0x7FF8_0000_0000_00AB)
            case 3: -0.0
            default: Double(bitPattern: random.next())
            }
            points.append(MetricPoint(step: step, epoch: epoch, value: value))
        }
        let bytes = PackedPoints.encode(points)
        #expect(Self.sameBits(try PackedPoints.decode(bytes), points))
        if count >= 100 { #expect(bytes.count <= 2 + 11 * count) }
    }

    @Test func extremeStepsRoundTrip() throws {
        let points = [
            MetricPoint(step: .max, epoch: .min, value: 1),
            MetricPoint(step: .min, epoch: .max, value: 2),
            MetricPoint(step: 0, epoch: 0, value: 3),
        ]
        #expect(Self.sameBits(try PackedPoints.decode(PackedPoints.encode(points)), points))
    }

    @Test func truncatedOrAlteredBytesAreRefusedNotMisread() {
        let bytes = PackedPoints.encode((0..<20).map { MetricPoint(step: $0 * 200, epoch: $0 / 5, value: Double($0)) })
        for cut in 0..<bytes.count {
            #expect(throws: PackedPoints.Malformed.self) { try PackedPoints.decode(bytes[0..<cut]) }
        }
        #expect(throws: PackedPoints.Malformed.self) { try PackedPoints.decode(bytes + [0]) }
        var wrongFormat = bytes
        wrongFormat[0] = 2
        #expect(throws: PackedPoints.Malformed.self) { try PackedPoints.decode(wrongFormat) }
        #expect(throws: PackedPoints.Malformed.self) { try PackedPoints.decode([1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]) }
    }
}
