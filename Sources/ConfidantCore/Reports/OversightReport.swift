import Foundation

/// The figures managers and trustees read to see whether the confidentiality policy is being kept: counts and
/// durations only, for a period and the period before it. Built from facts that carry no names, words or ids, and
/// every count under 5 is held back (`ReportNumber`), so no page, chart or file made from it can identify anyone.
public struct OversightReport: Sendable, Equatable {
    public let period: ReportPeriod
    public let tables: [ReportTable]

    /// The figures for `period` and the period before, from every submitted concern and share (the report picks the
    /// ones in each period itself). Durations come from `timings`, one per concern; without them, from the concerns'
    /// own times (each fact then one concern).
    public init(period: ReportPeriod, concerns: [ConcernFact], timings: [ConcernTiming]? = nil, shares: [ShareFact]) {
        self.period = period
        let previousPeriod = period.previous
        let now = concerns.filter { period.contains($0.submittedAt) }
        let before = concerns.filter { previousPeriod.contains($0.submittedAt) }
        let timings =
            timings
            ?? concerns.map { ConcernTiming(submittedAt: $0.submittedAt, conversationAt: $0.conversationAt, triagedAt: $0.firstTriage?.at) }
        let timedNow = timings.filter { period.contains($0.submittedAt) }
        let timedBefore = timings.filter { previousPeriod.contains($0.submittedAt) }
        let sharesNow = shares.filter { period.contains($0.proposedAt) }
        let sharesBefore = shares.filter { previousPeriod.contains($0.proposedAt) }

        func rows(_ labels: [String], _ current: [String: Int], _ previous: [String: Int]) -> [ReportTable.Row] {
            labels.map { ReportTable.Row.count($0, current: current[$0] ?? 0, previous: previous[$0] ?? 0) }
        }
        func concernTable<Value>(
            id: String, title: String, heading: String, all: [Value], label: @escaping (Value) -> String, missing: String?,
            _ key: @escaping (ConcernFact) -> Value?
        ) -> ReportTable {
            let values: (ConcernFact) -> [String] = { fact in [key(fact).map(label) ?? missing].compactMap { $0 } }
            var labels = all.map(label)
            if let missing { labels.append(missing) }
            return ReportTable(
                id: id, title: title, rowHeading: heading,
                rows: rows(labels, Self.tally(now, values), Self.tally(before, values)))
        }

        var tables: [ReportTable] = []
        tables.append(
            ReportTable(
                id: "by-category", title: "Concerns by category", rowHeading: "Category",
                rows: rows(
                    ConcernCategory.allCases.map(\.label), Self.tally(now) { $0.categories.map(\.label) },
                    Self.tally(before) { $0.categories.map(\.label) })))
        tables.append(
            concernTable(
                id: "by-risk", title: "Concerns by risk when recorded", heading: "Risk", all: RiskLevel.allCases, label: \.label,
                missing: "Not recorded", \.risk))
        tables.append(
            concernTable(
                id: "by-discloser", title: "Concerns by who told us", heading: "Who told us", all: DisclosedBy.allCases,
                label: Self.discloserLabel, missing: "Not recorded", \.disclosedBy))
        tables.append(Self.byMonth(now, period: period))
        tables.append(Self.practice(now, before))
        tables.append(Self.timings(timedNow, timedBefore))
        tables.append(Self.triageWaits(timedNow))
        tables.append(
            concernTable(
                id: "triage-outcomes", title: "First triage decisions", heading: "Outcome", all: TriageOutcome.allCases,
                label: \.label, missing: "Not triaged yet", { $0.firstTriage?.outcome }))
        tables.append(Self.personal(now, before))
        tables.append(Self.shareEndings(sharesNow, sharesBefore))
        tables.append(Self.shareForms(sharesNow, sharesBefore))
        tables.append(Self.informing(sharesNow, sharesBefore))
        self.tables = tables
    }

    /// The table with `id`, if the report has one.
    public func table(_ id: String) -> ReportTable? { tables.first { $0.id == id } }

    /// How many facts fall under each label (a concern with two categories counts under both).
    static func tally(_ facts: [ConcernFact], _ labels: (ConcernFact) -> [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for fact in facts { for label in labels(fact) { counts[label, default: 0] += fact.count } }
        return counts
    }

    /// Who told us, in a manager's words (the form's own words are the staff member's, "I saw or heard it myself").
    static func discloserLabel(_ discloser: DisclosedBy) -> String {
        switch discloser {
        case .person: "The person themselves"
        case .thirdParty: "Someone else (a third party)"
        case .staffObservation: "Staff saw or heard it"
        }
    }

    static func byMonth(_ facts: [ConcernFact], period: ReportPeriod) -> ReportTable {
        // Months' first instants worked out once; each concern goes to the last month that starts before it.
        let starts = period.monthStarts
        var counts: [ReportMonth: Int] = [:]
        for fact in facts {
            guard let month = starts.last(where: { $0.start <= fact.submittedAt })?.month else { continue }
            counts[month, default: 0] += fact.count
        }
        return ReportTable(
            id: "by-month", title: "Concerns by month", rowHeading: "Month",
            rows: period.months.map { ReportTable.Row.count($0.label, current: counts[$0] ?? 0, previous: 0) }, compared: false)
    }

    /// The policy in practice: were the limits explained at the start, and were promises of secrecy made and reviewed.
    static func practice(_ now: [ConcernFact], _ before: [ConcernFact]) -> ReportTable {
        func explained(_ facts: [ConcernFact]) -> ReportNumber { ReportNumber(facts.filter { $0.limitsExplained == true }.total) }
        func absolute(_ facts: [ConcernFact]) -> [ConcernFact] { facts.filter { $0.offered == .absolute } }
        return ReportTable(
            id: "policy-in-practice", title: "The policy in practice", rowHeading: "Figure",
            rows: [
                .count("Concerns recorded", current: now.total, previous: before.total),
                .count("Limits of confidentiality explained at the outset", current: explained(now).value, previous: explained(before).value),
                .words(
                    "Share of concerns where the limits were explained at the outset", current: explained(now).percentText(of: now.total),
                    previous: explained(before).percentText(of: before.total)),
                .count("Absolute confidentiality promised", current: absolute(now).total, previous: absolute(before).total),
                .count(
                    "Of those, reviewed by a safeguarding lead", current: absolute(now).filter { $0.firstTriage != nil }.total,
                    previous: absolute(before).filter { $0.firstTriage != nil }.total),
            ], charted: false)
    }

    /// How long recording and triage took: median and 90th percentile.
    static func timings(_ now: [ConcernTiming], _ before: [ConcernTiming]) -> ReportTable {
        func toRecord(_ timings: [ConcernTiming]) -> DurationSummary {
            DurationSummary(timings.compactMap { timing in timing.conversationAt.map { timing.submittedAt.timeIntervalSince($0) } })
        }
        func toTriage(_ timings: [ConcernTiming]) -> DurationSummary {
            DurationSummary(timings.compactMap { timing in timing.triagedAt.map { $0.timeIntervalSince(timing.submittedAt) } })
        }
        return ReportTable(
            id: "timings", title: "How long it took", rowHeading: "Time",
            rows: [
                .words("From the conversation to the record: median", current: toRecord(now).medianText, previous: toRecord(before).medianText),
                .words(
                    "From the conversation to the record: 9 in 10 within", current: toRecord(now).ninetiethText,
                    previous: toRecord(before).ninetiethText),
                .words("From the record to triage: median", current: toTriage(now).medianText, previous: toTriage(before).medianText),
                .words(
                    "From the record to triage: 9 in 10 within", current: toTriage(now).ninetiethText, previous: toTriage(before).ninetiethText),
            ], charted: false)
    }

    /// The spread of times from record to triage, for the distribution chart.
    static let triageBands: [(label: String, under: Double)] = [
        ("Under 1 hour", 3_600), ("1 to 4 hours", 4 * 3_600), ("4 to 24 hours", 86_400), ("1 to 2 days", 2 * 86_400),
        ("2 to 7 days", 7 * 86_400), ("More than 7 days", .infinity),
    ]

    static func triageWaits(_ timings: [ConcernTiming]) -> ReportTable {
        var counts = Array(repeating: 0, count: triageBands.count)
        var waiting = 0
        for timing in timings {
            guard let triagedAt = timing.triagedAt else {
                waiting += 1
                continue
            }
            let seconds = triagedAt.timeIntervalSince(timing.submittedAt)
            counts[triageBands.firstIndex { seconds < $0.under } ?? triageBands.count - 1] += 1
        }
        let rows = zip(triageBands, counts).map { ReportTable.Row.count($0.label, current: $1, previous: 0) }
        return ReportTable(
            id: "time-to-triage", title: "Time from record to triage", rowHeading: "Time to triage",
            rows: rows + [.count("Not triaged yet", current: waiting, previous: 0)], compared: false)
    }

    /// Making Safeguarding Personal: was the person asked what they want to happen, and, for the cases closed, was
    /// it achieved (Care Act statutory guidance 14.15; a child's wishes and feelings likewise).
    static func personal(_ now: [ConcernFact], _ before: [ConcernFact]) -> ReportTable {
        func asked(_ facts: [ConcernFact], _ value: Bool?) -> Int { facts.filter { $0.wishesAsked == value }.total }
        func achieved(_ facts: [ConcernFact], _ value: CaseClosure.Achieved) -> Int { facts.filter { $0.achieved == value }.total }
        var rows: [ReportTable.Row] = [
            .count("Asked what they want to happen", current: asked(now, true), previous: asked(before, true)),
            .count("Could not be asked (reason recorded)", current: asked(now, false), previous: asked(before, false)),
            .count("Not recorded", current: asked(now, nil), previous: asked(before, nil)),
        ]
        rows += CaseClosure.Achieved.allCases.map { value in
            .count(
                "Closed: \(value.label.prefix(1).lowercased() + value.label.dropFirst())", current: achieved(now, value),
                previous: achieved(before, value))
        }
        return ReportTable(id: "personal", title: "Making Safeguarding Personal", rowHeading: "What the person wanted", rows: rows)
    }

    static func shareEndings(_ now: [ShareFact], _ before: [ShareFact]) -> ReportTable {
        func counts(_ shares: [ShareFact]) -> [ShareFact.Ending: Int] { shares.reduce(into: [:]) { $0[$1.ending, default: 0] += 1 } }
        let current = counts(now)
        let previous = counts(before)
        return ReportTable(
            id: "shares", title: "Shares by decision", rowHeading: "Decision",
            rows: ShareFact.Ending.allCases.map { .count($0.label, current: current[$0] ?? 0, previous: previous[$0] ?? 0) })
    }

    static func shareForms(_ now: [ShareFact], _ before: [ShareFact]) -> ReportTable {
        func count(_ shares: [ShareFact], _ identified: Bool) -> Int {
            shares.filter { $0.identified == identified && ($0.ending == .permitted || $0.ending == .approved) }.count
        }
        return ReportTable(
            id: "share-forms", title: "Shares sent, named or not", rowHeading: "Form",
            rows: [
                .count("The person was named", current: count(now, true), previous: count(before, true)),
                .count("De-identified", current: count(now, false), previous: count(before, false)),
            ])
    }

    /// Shares that broke a confidence, and whether the person was told (policy: tell them, within the due time,
    /// unless a lead records why not).
    static func informing(_ now: [ShareFact], _ before: [ShareFact]) -> ReportTable {
        func broke(_ shares: [ShareFact]) -> [ShareFact] { shares.filter { $0.informing != nil } }
        func count(_ shares: [ShareFact], _ informing: ShareFact.Informing) -> Int { shares.filter { $0.informing == informing }.count }
        return ReportTable(
            id: "confidences-broken", title: "Confidences broken, and telling the person", rowHeading: "Figure",
            rows: [.count("Shares that broke a confidence", current: broke(now).count, previous: broke(before).count)]
                + ShareFact.Informing.allCases.map { .count($0.label, current: count(now, $0), previous: count(before, $0)) })
    }
}
