import ArgumentParser
import ConfidantCore
import ConfidantStore
import Foundation

/// The organisation's retention schedule: the same flags and environment for `serve` and `retention report`, so both
/// count review dates alike (IRMS toolkit defaults; docs/data-protection.md).
struct RetentionOptions: ParsableArguments {
    @Option(
        name: .customLong("retention-child-years"),
        help: ArgumentHelp(
            "A child's file is reviewed this many years after their birth (env: CONFIDANT_RETENTION_CHILD_YEARS; default 25).", valueName: "years"))
    var childYears: Int?

    @Option(
        name: .customLong("retention-adult-years"),
        help: ArgumentHelp(
            "An adult's records are reviewed this many years after the last contact (env: CONFIDANT_RETENTION_ADULT_YEARS; default 6).",
            valueName: "years"))
    var adultYears: Int?

    @Option(
        name: .customLong("retention-advice-years"),
        help: ArgumentHelp(
            "Advice about no named person is reviewed this many years after it was given (env: CONFIDANT_RETENTION_ADVICE_YEARS; default 1).",
            valueName: "years"))
    var adviceYears: Int?

    /// The schedule, each figure from its flag, its environment variable or the toolkit's default, within 1–100 years.
    func schedule(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RetentionSchedule {
        func years(_ flag: Int?, _ variable: String, _ name: String, default fallback: Int) throws -> Int {
            var value = flag
            if value == nil, let text = environment[variable] {
                guard let number = Int(text) else { throw ValidationError("\(variable) must be a whole number of years, not \"\(text)\".") }
                value = number
            }
            let chosen = value ?? fallback
            guard (1...100).contains(chosen) else { throw ValidationError("--\(name) must be between 1 and 100 years.") }
            return chosen
        }
        return RetentionSchedule(
            childYearsAfterBirth: try years(childYears, "CONFIDANT_RETENTION_CHILD_YEARS", "retention-child-years", default: 25),
            adultYearsAfterLastContact: try years(adultYears, "CONFIDANT_RETENTION_ADULT_YEARS", "retention-adult-years", default: 6),
            adviceYears: try years(adviceYears, "CONFIDANT_RETENTION_ADVICE_YEARS", "retention-advice-years", default: 1))
    }
}

/// `confidant retention …`: what the retention schedule says is due.
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention", abstract: "Retention reviews of people's files.", subcommands: [Report.self])

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the files (and advice about no named person) due for review, under legal hold and disposed of, as a table or JSON.",
            discussion: """
                People are named by their kind and record id ("Child 7F3A", as the audit log names them), never by name: \
                the report may end up in a terminal's history or a ticket. The safeguarding leads' review queue in the \
                web application shows the names.
                """)
        @OptionGroup var store: StoreOptions
        @OptionGroup var key: DataKeyOptions
        @OptionGroup var retention: RetentionOptions
        @Flag(help: "Print JSON instead of a table.") var json = false

        struct Line: Encodable {
            let person: String
            let pseudonym: String
            let standing: String
            let reviewOn: String
            let reason: String
        }

        struct Body: Encodable {
            let generatedAt: String
            let schedule: [String: Int]
            let due: [Line]
            let held: [Line]
            /// Files disposed of, the latest first, from their `file_disposed` events.
            let disposed: [Line]
            let kept: Int
            /// Advice about no named person: its requests due or held (named "Advice 7F3A" by their id), and how many are kept.
            let advice: AdviceLines
        }

        struct AdviceLines: Encodable {
            let due: [Line]
            let held: [Line]
            let kept: Int
        }

        func run() async throws {
            try store.requireExistingDatabase()
            let schedule = try retention.schedule()
            let now = Date()
            let today = CalendarDay(containing: now)
            let (entries, disposals, advice) = try await withDatabase(store) { database in
                let cipher = try await key.load(for: database).cipher
                let retention = RetentionStore(database, cipher: cipher, schedule: schedule)
                // The time zone matters only for disposing (the kept facts stand at month starts), not for listing.
                return (
                    try await retention.entries(), try await FileDisposal(database, retention: retention, timeZone: .gmt).disposals(),
                    try await AdviceRetentionStore(database, cipher: cipher, schedule: schedule).entries()
                )
            }
            let disposed = disposals.map { disposal in
                Line(
                    person: disposal.record.personID.uuidString.lowercased(), pseudonym: disposal.record.pseudonym, standing: "disposed",
                    reviewOn: "", reason: "Disposed of on \(CalendarDay(containing: disposal.record.disposedBy.at).iso): \(disposal.record.rule)")
            }
            var due: [Line] = []
            var held: [Line] = []
            var kept = 0
            for entry in entries {
                let line = { (standing: String, reason: String) in
                    Line(
                        person: entry.person.id.uuidString.lowercased(), pseudonym: entry.person.kind.pseudonym(for: entry.person.id),
                        standing: standing,
                        reviewOn: entry.file.reviewOnWithoutBirth, reason: reason)
                }
                switch entry.file.standing(today: today) {
                case .kept: kept += 1
                case .due: due.append(line("due", entry.file.reviewRule))
                // The hold's reason can name an inquiry or a court case: the report says only since when.
                case .held(_, let since): held.append(line("held", "Under legal hold since \(CalendarDay(containing: since).iso)"))
                }
            }
            var adviceDue: [Line] = []
            var adviceHeld: [Line] = []
            var adviceKept = 0
            for entry in advice {
                let id = entry.advice.id.uuidString.lowercased()
                let name = "Advice " + id.prefix(4).uppercased()
                switch entry.file.standing(today: today) {
                case .kept: adviceKept += 1
                case .due:
                    adviceDue.append(
                        Line(person: id, pseudonym: name, standing: "due", reviewOn: entry.file.reviewOn.iso, reason: entry.file.reviewRule))
                case .held(_, let since):
                    adviceHeld.append(
                        Line(
                            person: id, pseudonym: name, standing: "held", reviewOn: entry.file.reviewOn.iso,
                            reason: "Under legal hold since \(CalendarDay(containing: since).iso)"))
                }
            }
            if json {
                let body = Body(
                    generatedAt: ISO8601DateFormatter().string(from: now),
                    schedule: [
                        "child_years_after_birth": schedule.childYearsAfterBirth,
                        "adult_years_after_last_contact": schedule.adultYearsAfterLastContact, "advice_years": schedule.adviceYears,
                    ], due: due, held: held, disposed: disposed, kept: kept, advice: AdviceLines(due: adviceDue, held: adviceHeld, kept: adviceKept))
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                encoder.keyEncodingStrategy = .convertToSnakeCase
                print(String(decoding: try encoder.encode(body), as: UTF8.self))
                return
            }
            print("standing  review on   person                                pseudonym    reason")
            for line in due + held + disposed + adviceDue + adviceHeld {
                let standing = line.standing.padding(toLength: 8, withPad: " ", startingAt: 0)
                let pseudonym = line.pseudonym.padding(toLength: 12, withPad: " ", startingAt: 0)
                let reviewOn = line.reviewOn.padding(toLength: 10, withPad: " ", startingAt: 0)
                print("\(standing)  \(reviewOn)  \(line.person)  \(pseudonym) \(line.reason)")
            }
            print("\(due.count) due for review, \(held.count) under legal hold, \(disposed.count) disposed of, \(kept) kept until a later review.")
            print(
                "Advice about no named person: \(adviceDue.count) due for review, \(adviceHeld.count) under legal hold, \(adviceKept) kept until a later review."
            )
        }
    }
}
