import Foundation

/// The pure text encodings a mail message needs: line ends, quoted-printable, RFC 2047 words, dates.
enum MailEncoding {
    /// Splits text into lines on CRLF, a bare CR or a bare LF, so every kind of line end counts once.
    static func lines(_ text: String) -> [Substring] {
        text.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Encodes UTF-8 text as quoted-printable (RFC 2045 §6.7) with CRLF line ends.
    ///
    /// Printable ASCII other than `=` passes through; everything else becomes `=XX`; a space or
    /// tab at the end of a line is encoded so that relays which strip trailing blanks cannot
    /// change the text; lines longer than 76 characters are broken with a soft `=` line break.
    static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF")
        var encodedLines: [String] = []
        for line in lines(text) {
            let bytes = Array(line.utf8)
            var encoded = ""
            var column = 0
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let token: String
                if (byte == 0x20 || byte == 0x09) && !isLast {
                    token = String(UnicodeScalar(byte))
                } else if (33...126).contains(byte) && byte != UInt8(ascii: "=") {
                    token = String(UnicodeScalar(byte))
                } else {
                    token = "=" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
                }
                if column + token.count > 75 {
                    encoded += "=\r\n"
                    column = 0
                }
                encoded += token
                column += token.count
            }
            encodedLines.append(encoded)
        }
        return encodedLines.joined(separator: "\r\n")
    }

    /// Whether text can stand in a header as it is: printable ASCII, short, and no `=?` that a
    /// reader would mistake for an encoded word.
    static func isPlainHeaderText(_ text: String) -> Bool {
        text.utf8.count <= 70 && !text.contains("=?") && text.utf8.allSatisfy { (32...126).contains($0) }
    }

    /// Header text as it is when plain, else as RFC 2047 encoded words (`=?utf-8?B?…?=`), each at
    /// most 75 characters and folded onto continuation lines, never splitting a UTF-8 character.
    static func headerText(_ text: String) -> String {
        isPlainHeaderText(text) ? text : encodedWords(text).joined(separator: "\r\n ")
    }

    /// Splits text into RFC 2047 base64 encoded words of at most 75 characters each.
    static func encodedWords(_ text: String) -> [String] {
        // "=?utf-8?B?" + "?=" is 12 characters and 39 bytes encode to 52 base64 characters: 64 in
        // all, so even the first word, after "Subject: ", keeps its line within 78 characters.
        let maximumBytes = 39
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > maximumBytes {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(encodedWord(chunk)) }
        return words
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?utf-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// A display name as an RFC 5322 phrase: bare words, a quoted string, or encoded words.
    static func phrase(_ name: String) -> String {
        let atextSpecials = Set("!#$%&'*+-/=?^_`{|}~ ".utf8)
        let isAtomText = name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (48...57).contains(byte) || atextSpecials.contains(byte)
        }
        if isAtomText && isPlainHeaderText(name) && !name.hasPrefix(" ") && !name.hasSuffix(" ") { return name }
        if isPlainHeaderText(name) {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\""
        }
        return encodedWords(name).joined(separator: "\r\n ")
    }

    /// A date as RFC 5322 §3.3 writes it, in UTC: `Tue, 01 Jul 2025 09:05:03 +0000`.
    ///
    /// Computed by hand rather than with a formatter so that it never depends on the locale.
    static func date(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = weekdays[((days + 4) % 7 + 7) % 7]  // 1 January 1970 was a Thursday.
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }
        return "\(weekday), \(two(day)) \(months[month - 1]) \(year) "
            + "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) +0000"
    }

    /// The proleptic Gregorian year, month and day of a day counted from 1970-01-01
    /// (Howard Hinnant's `civil_from_days`).
    static func civilDate(daysSinceEpoch: Int) -> (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
