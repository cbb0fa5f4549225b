import Foundation

/// One person of the organisation's register, as a directory import reads them.
public struct DirectoryEntry: Sendable, Equatable {
    /// The row of the file (the header is row 1).
    public var row: Int
    public var kind: PersonKind
    public var details: PersonDetails
    /// The register's own id for the person, so that importing again updates them instead of adding them twice.
    public var externalID: String
    /// Whether the file said what kind of person this is (without a `kind` column, an update keeps the recorded one).
    public var kindGiven: Bool

    public init(row: Int, kind: PersonKind, details: PersonDetails, externalID: String, kindGiven: Bool = true) {
        self.kindGiven = kindGiven
        self.row = row
        self.kind = kind
        self.details = details
        self.externalID = externalID
    }
}

/// A row of a register that cannot be imported, and why.
public struct DirectoryRowProblem: Sendable, Equatable, CustomStringConvertible {
    public var row: Int
    public var message: String

    public init(row: Int, message: String) {
        self.row = row
        self.message = message
    }

    public var description: String { "row \(row): \(message)" }
}

/// Why a register cannot be imported: every row that needs fixing.
public struct DirectoryImportRefused: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [DirectoryRowProblem]

    public init(_ problems: [DirectoryRowProblem]) { self.problems = problems }

    public var description: String {
        "Nothing was imported; fix these rows and import the file again:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}

extension DirectoryEntry {
    /// What an import makes of a person already known: the register's own fields (name, known as, date of birth,
    /// group, and kind when given) over what was recorded, which keeps everything the register does not hold.
    public func merged(into current: PersonDetails, kind currentKind: PersonKind) -> (PersonKind, PersonDetails) {
        var details = current
        details.name = self.details.name
        details.knownAs = self.details.knownAs
        details.dateOfBirth = self.details.dateOfBirth
        details.group = self.details.group
        return (kindGiven ? kind : currentKind, details)
    }
}

/// Reads a register exported as CSV (the way a school or club system lists everyone) into directory entries: every row
/// checked before anything is stored, so a file with one bad row imports nothing and says which rows to fix.
///
/// Columns by header, in any order: `name` (required), `known_as`, `date_of_birth` (as people type dates),
/// `group` (a team, class or session), `external_id` (required, unique in the file), `kind` (`child`, `adult` or
/// `adult_at_risk`; child when absent).
public enum DirectoryImport {
    /// The most rows one file may hold.
    public static let maximumRows = 50_000
    static let known = ["name", "known_as", "date_of_birth", "group", "external_id", "kind"]

    /// The entries of `text`, or every problem found.
    public static func read(_ text: String, now: Date) -> Result<[DirectoryEntry], DirectoryImportRefused> {
        let records: [[String]]
        do {
            records = try CSV.records(text)
        } catch {
            return .failure(DirectoryImportRefused([DirectoryRowProblem(row: error.row, message: error.message)]))
        }
        guard let header = records.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            return .failure(
                DirectoryImportRefused([DirectoryRowProblem(row: 1, message: "The file is empty: it needs a header row naming the columns")]))
        }
        var problems: [DirectoryRowProblem] = []
        for column in ["name", "external_id"] where !header.contains(column) {
            problems.append(DirectoryRowProblem(row: 1, message: "The header has no \"\(column)\" column"))
        }
        for column in header where !known.contains(column) {
            problems.append(
                DirectoryRowProblem(row: 1, message: "The column \"\(column)\" is not one Confidant reads (\(known.joined(separator: ", ")))"))
        }
        if records.count - 1 > maximumRows {
            problems.append(DirectoryRowProblem(row: 1, message: "The file has more than \(maximumRows) people; split it"))
        }
        guard problems.isEmpty else { return .failure(DirectoryImportRefused(problems)) }
        var entries: [DirectoryEntry] = []
        var seen: [String: Int] = [:]
        for (index, record) in records.enumerated().dropFirst() {
            let row = index + 1
            if record.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard record.count == header.count else {
                problems.append(DirectoryRowProblem(row: row, message: "It has \(record.count) values, the header has \(header.count)"))
                continue
            }
            var value: [String: String] = [:]
            for (column, text) in zip(header, record) { value[column] = text.trimmingCharacters(in: .whitespaces) }
            let externalID = value["external_id"] ?? ""
            let birthText = value["date_of_birth"] ?? ""
            let birth = birthText.isEmpty ? "" : (CalendarDay(typed: birthText)?.iso ?? birthText)
            let details = PersonDetails(name: value["name"] ?? "", knownAs: value["known_as"] ?? "", dateOfBirth: birth, group: value["group"] ?? "")
            var rowProblems = details.problems(now: now).map(\.message)
            if externalID.isEmpty { rowProblems.append("Give the register's own id for this person (its column is named in the list of columns)") }
            if externalID.count > 100 { rowProblems.append("Keep external_id to 100 characters") }
            if let first = seen[externalID], !externalID.isEmpty {
                rowProblems.append("The external_id \(externalID) is also on row \(first)")
            } else if !externalID.isEmpty {
                seen[externalID] = row
            }
            let kindText = (value["kind"] ?? "").isEmpty ? "child" : (value["kind"] ?? "")
            let kind = PersonKind(rawValue: kindText)
            if kind == nil { rowProblems.append("kind \"\(kindText)\" is not child, adult or adult_at_risk") }
            if !rowProblems.isEmpty {
                problems += rowProblems.map { DirectoryRowProblem(row: row, message: $0) }
                continue
            }
            if let kind {
                entries.append(
                    DirectoryEntry(row: row, kind: kind, details: details, externalID: externalID, kindGiven: !(value["kind"] ?? "").isEmpty))
            }
        }
        return problems.isEmpty ? .success(entries) : .failure(DirectoryImportRefused(problems))
    }
}

/// RFC 4180 CSV: fields separated by commas, quoted with double quotes (a quote inside doubled), records by CRLF or LF.
enum CSV {
    struct Malformed: Error {
        let row: Int
        let message: String
    }

    static func records(_ text: String) throws(Malformed) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var fieldStarted = false
        var row = 1
        var characters = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending {
                pending = nil
                return scalar
            }
            return characters.next()
        }
        // A byte-order mark from a spreadsheet's "CSV UTF-8" is not part of the first column's name.
        if let first = characters.next(), first != "\u{FEFF}" { pending = first }
        while let scalar = next() {
            if quoted {
                if scalar == "\"" {
                    if let after = next() {
                        if after == "\"" {
                            field.unicodeScalars.append("\"")
                        } else {
                            quoted = false
                            pending = after
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    if scalar == "\n" { row += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where !fieldStarted:
                quoted = true
                fieldStarted = true
            case "\"":
                throw Malformed(row: row, message: "A quote in the middle of a value: put the whole value in quotes and double the quote")
            case ",":
                record.append(field)
                field = ""
                fieldStarted = false
            case "\r":
                continue
            case "\n":
                record.append(field)
                records.append(record)
                record = []
                field = ""
                fieldStarted = false
                row += 1
            default:
                if scalar.properties.generalCategory == .control {
                    throw Malformed(row: row, message: "A control character is in a value")
                }
                field.unicodeScalars.append(scalar)
                fieldStarted = true
            }
        }
        if quoted { throw Malformed(row: row, message: "A quoted value is not closed") }
        if fieldStarted || !record.isEmpty || !field.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
