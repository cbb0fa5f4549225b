import Foundation

/// Dates and times as people type them on a phone or a desktop without a date picker, read into the strict forms
/// Confidant keeps (`CalendarDay`, minutes after midnight). UK order: day before month.
extension CalendarDay {
    /// A day typed as "2026-12-01", "1/12/2026", "01/12/2026", "1.12.2026", "1-12-2026" or "20261201"; nil otherwise.
    public init?(typed text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let strict = CalendarDay(trimmed) {
            self = strict
            return
        }
        let digits = trimmed.filter(\.isNumber)
        if digits.count == 8, digits.count == trimmed.count {
            let text = "\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))"
            guard let day = CalendarDay(text) else { return nil }
            self = day
            return
        }
        let parts = trimmed.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
            let day = Int(parts[0]), let month = Int(parts[1])
        else { return nil }
        guard let result = CalendarDay(String(format: "%@-%02d-%02d", parts[2], month, day)) else { return nil }
        self = result
    }

    /// The day as Confidant writes it and a date input shows it: YYYY-MM-DD.
    public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }
}

/// A time of day typed as "16:30", "1630", "16.30", "4.30pm", "4:30 pm" or "4pm".
public struct TimeOfDay: Sendable, Equatable {
    public let hour: Int
    public let minute: Int

    /// Reads a typed time; nil when it is not one.
    public init?(typed text: String) {
        var rest = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "")
        var meridiem: String?
        for suffix in ["am", "pm", "a.m.", "p.m."] where rest.hasSuffix(suffix) {
            meridiem = String(suffix.prefix(1))
            rest = String(rest.dropLast(suffix.count))
            break
        }
        let parts = rest.split(whereSeparator: { $0 == ":" || $0 == "." }).map(String.init)
        var hour: Int?
        var minute: Int?
        if parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2 {
            hour = Int(parts[0])
            minute = Int(parts[1])
        } else if parts.count == 1, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }) {
            switch parts[0].count {
            case 1,
                2 where meridiem != nil:
                hour = Int(parts[0])
                minute = 0
            case 3, 4:
                hour = Int(parts[0].dropLast(2))
                minute = Int(parts[0].suffix(2))
            default: break
            }
        }
        guard var hour, let minute, (0..<60).contains(minute), rest.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ":" || $0 == ".") })
        else { return nil }
        if let meridiem {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (meridiem == "p" ? 12 : 0)
        }
        guard (0..<24).contains(hour) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// As a time input shows it: HH:MM.
    public var text: String { String(format: "%02d:%02d", hour, minute) }
    /// Seconds after midnight.
    public var seconds: TimeInterval { TimeInterval(hour * 3600 + minute * 60) }
}
