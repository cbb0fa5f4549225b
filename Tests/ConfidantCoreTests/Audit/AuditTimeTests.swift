import Foundation
import Testing

@testable import ConfidantCore

@Suite struct AuditTimeTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_764_000_000_250, "2025-11-24T16:00:00.250Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ])
    func knownTimesRenderAsISO8601UTC(_ milliseconds: Int64, _ text: String) {
        #expect(AuditTime.iso8601(milliseconds: milliseconds) == text)
    }

    @Test func agreesWithFoundationAcrossFourCenturies() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var milliseconds: Int64 = -2_208_988_800_000  // 1900-01-01
        while milliseconds < 10_413_792_000_000 {  // 2300-01-01
            let expected = formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1_000))
            #expect(AuditTime.iso8601(milliseconds: milliseconds) == expected)
            milliseconds += 86_399_999 * 37 + 123  // a stride that visits every month, leap days and times of day
        }
    }
}
