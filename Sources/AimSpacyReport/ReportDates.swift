import AimSpacyModel
import Foundation

/// UTC dates as `2026-11-27 00:13`, computed without locale or time zone lookups so output is deterministic.
enum ReportDates {
    static func minute(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        guard interval.isFinite, abs(interval) < 1e13 else { return "–" }
        let t = UTCTime(secondsSince1970: Int(interval.rounded(.down)))
        let pad = UTCTime.pad
        return "\(pad(t.year, 4))-\(pad(t.month, 2))-\(pad(t.day, 2)) \(pad(t.hour, 2)):\(pad(t.minute, 2))"
    }
}
