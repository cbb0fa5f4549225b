import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// The breach register (UK GDPR Art. 33 and 34; docs/data-protection.md): a possible breach reported from anywhere it
/// is noticed, the 72 hours to decide on telling the ICO counted down, and each decision recorded with its reason.
///
/// Anyone who records may report one (a staff member who sent a share to the wrong person must be able to say so at
/// once); the register itself, with what each breach says, is for the safeguarding leads and managers.
struct BreachRoutes: RouteRegistration {
    let environment: WebEnvironment

    static let keeperRoles = RecordAccess.leads.union([.manager])
    static let keepers = RouteAccess.roles(keeperRoles)
    static let reporters = RouteAccess.roles(RecordAccess.recorders.union([.manager]))

    func register(on routes: SecureRouter) {
        routes.get("/breaches", access: Self.keepers, returnsCaseContent: true) { _, context in try await listPage(context) }
        routes.get("/breaches/new", access: Self.reporters, returnsCaseContent: true) { request, context in
            let share = try await reportedShare(request.uri.queryParameters["share"].map(String.init), context)
            let now = environment.clock()
            return try await formPage(
                context, entry: share.map { Self.prefilled($0, now: now) } ?? Self.blank(now: now), share: share, errors: [], status: .ok)
        }
        routes.post("/breaches", access: Self.reporters) { request, context in try await report(request, context) }
        routes.get("/breaches/{id}", access: Self.keepers, returnsCaseContent: true) { _, context in
            try await breachPage(context, errors: [], status: .ok)
        }
        routes.post("/breaches/{id}/ico", access: Self.keepers) { request, context in
            try await decide(request, context, part: "ico") { breach, form, user, now in
                breach.decisions.ico(
                    notify: form["notify"], reason: form["ico_reason"], reference: form["reference"], lateReason: form["late_reason"],
                    clock: breach.clock, by: user, now: now
                ).map {
                    var decisions = breach.decisions; decisions.ico = $0; return decisions
                }
            }
        }
        routes.post("/breaches/{id}/people", access: Self.keepers) { request, context in
            try await decide(request, context, part: "affected_people") { breach, form, user, now in
                breach.decisions.affectedPeople(
                    mustTell: form["must_tell"], reason: form["people_reason"], toldOn: form["told_on"], discoveredAt: breach.report.discoveredAt,
                    by: user, now: now
                ).map {
                    var decisions = breach.decisions; decisions.affectedPeople = $0; return decisions
                }
            }
        }
        routes.post("/breaches/{id}/commission", access: Self.keepers) { request, context in
            try await decide(request, context, part: "charity_commission") { breach, form, user, now in
                breach.decisions.charityCommission(report: form["commission"], reason: form["commission_reason"], by: user, now: now)
                    .map {
                        var decisions = breach.decisions; decisions.charityCommission = $0; return decisions
                    }
            }
        }
    }

    // MARK: Reporting

    /// The share a report starts from, when the viewer looks after it (a lead, or the staff member who proposed it);
    /// opening the form from it is a read of the share.
    func reportedShare(_ text: String?, _ context: ConfidantRequestContext) async throws -> Share? {
        guard let text, !text.isEmpty else { return nil }
        let viewer = try context.signedInUser()
        guard let id = UUID(uuidString: text), let facts = try await environment.shares.facts(id),
            try await ShareRoutes(environment: environment).standing(of: facts, for: viewer).owner,
            let share = try await environment.shares.share(id, readBy: viewer, asRecipient: false, now: environment.clock())
        else { throw WebError.notFound }
        return share
    }

    /// A report begun from a share says what was sent, to whom and when: the reporter adds what went wrong.
    static func prefilled(_ share: Share, now: Date) -> BreachEntry {
        let snapshot = share.snapshot
        let found = CalendarDay(containing: now)
        return BreachEntry(
            whatHappened: "A share may have gone to the wrong recipient or carried more than it should. It was sent to \(snapshot.recipient) "
                + "on \(ShareRoutes.spoken(share.createdAt)) (\(ShareRoutes.label(snapshot.form).lowercased())). What went wrong: ",
            discoveredOn: found.iso, discoveredTime: "",
            dataInvolved: "What the share sent: " + snapshot.sections.map(\.heading).joined(separator: ", ") + ".",
            whoseData: snapshot.form == .identified ? "The person the share is about, and anyone it names." : "",
            actionsTaken: "The share's link was revoked when this was reported.")
    }

    static func blank(now: Date) -> BreachEntry { BreachEntry(discoveredOn: CalendarDay(containing: now).iso) }

    static func entry(_ form: FormFields) -> BreachEntry {
        BreachEntry(
            whatHappened: form["what_happened"], discoveredOn: form["discovered_on"], discoveredTime: form["discovered_time"],
            dataInvolved: form["data_involved"], whoseData: form["whose_data"], likelyConsequences: form["likely_consequences"],
            actionsTaken: form["actions_taken"])
    }

    func report(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        let viewer = try context.signedInUser()
        let form = try await FormFields.read(request, context: context)
        let share = try await reportedShare(form["share"], context)
        let entry = Self.entry(form)
        switch entry.checked(now: environment.clock()) {
        case .failure(let problems):
            return try await formPage(
                context, entry: entry, share: share, errors: FieldError.from(problems.problems),
                status: .badRequest)
        case .success(let report):
            let breach = try await environment.breaches.report(report, by: viewer.id, fromShare: share?.id, now: environment.clock())
            // A reporter who does not keep the register goes back to where they were, told what happened.
            if Self.keeperRoles.contains(viewer.role) { return .redirect(to: "/breaches/\(breach.id)") }
            return try await reportedPage(context, share: share)
        }
    }

    func formPage(
        _ context: ConfidantRequestContext, entry: BreachEntry, share: Share?, errors: [FieldError], status: HTTPResponse.Status
    ) async throws -> Response {
        struct View {
            let chrome: PageChrome
            let entry: BreachEntry
            let shareID: String?
            let shareRecipient: String?
            let errors: [FieldError]
            let errorFor: [String: String]
        }
        let view = View(
            chrome: try await environment.chrome(errors.isEmpty ? "Report a possible data breach" : "Error: Report a possible data breach", context),
            entry: entry, shareID: share?.id.uuidString, shareRecipient: share?.snapshot.recipient, errors: errors,
            errorFor: FieldError.byField(errors))
        return environment.pages.page(.breachForm, view, status: status)
    }

    func reportedPage(_ context: ConfidantRequestContext, share: Share?) async throws -> Response {
        struct View { let chrome: PageChrome; let shareID: String? }
        let view = View(chrome: try await environment.chrome("Reported as a possible data breach", context), shareID: share?.id.uuidString)
        return environment.pages.page(.breachReported, view)
    }

    // MARK: The register

    struct Row: Sendable {
        let id: String
        let found: String
        let summary: String
        let clock: String
        let late: Bool
        let ico: String
        let people: String
    }

    static func row(_ breach: Breach, now: Date) -> Row {
        let standing = breach.clock.standing(now: now, decidedAt: breach.decisions.ico?.by.at)
        let late: Bool =
            switch standing {
            case .late: true
            case .decided(_, let inTime): !inTime
            case .counting: false
            }
        let what = breach.report.whatHappened
        return Row(
            id: breach.id.uuidString, found: ShareRoutes.spoken(breach.report.discoveredAt),
            summary: what.count > 140 ? String(what.prefix(140)) + "…" : what, clock: BreachClock.words(standing), late: late,
            ico: breach.decisions.ico.map { $0.notify ? "To be told" + ($0.reference.isEmpty ? "" : " (\($0.reference))") : "Not to be told" }
                ?? "Not decided",
            people: breach.decisions.affectedPeople.map {
                $0.mustTell ? ($0.toldOn.map { "Told on \($0.spelledOut)" } ?? "To be told") : "Not to be told"
            } ?? "Not decided")
    }

    func listPage(_ context: ConfidantRequestContext) async throws -> Response {
        struct View { let chrome: PageChrome; let rows: [Row]; let canReport: Bool }
        let viewer = try context.signedInUser()
        let now = environment.clock()
        let breaches = try await environment.breaches.breaches()
        try await logRead(of: breaches.map(\.id), by: viewer, now: now)
        let view = View(
            chrome: try await environment.chrome("Data breaches", context, path: "/breaches"), rows: breaches.map { Self.row($0, now: now) },
            canReport: true)
        return environment.pages.page(.breaches, view)
    }

    /// What the register says is about people: reading it is logged like a record's page, naming each breach shown.
    func logRead(of ids: [UUID], by viewer: UserAccount, now: Date) async throws {
        guard !ids.isEmpty else { return }
        try await environment.audit.append(
            AuditEntry(
                time: AuditClock.milliseconds(now), actor: AuditName.user(viewer.id), action: .caseRead,
                target: ids.count == 1 ? "breach:\(ids[0].uuidString.lowercased())" : "breach-register",
                detail: AuditDetail(["parts": .strings(ids.map { "breach:\($0.uuidString.lowercased())" })])))
    }

    func breachPage(
        _ context: ConfidantRequestContext, errors: [FieldError], typed: FormFields? = nil, status: HTTPResponse.Status
    ) async throws -> Response {
        struct Decided: Sendable { let answer: String; let reason: String; let extra: String?; let by: String }
        struct View {
            let chrome: PageChrome
            let id: String
            let row: Row
            let report: BreachReport
            /// The optional parts of the report, absent when left empty so the page shows no empty heading.
            let consequences: String?
            let actionsTaken: String?
            let reportedBy: String
            let reportedAt: String
            let shareID: String?
            let deadline: String
            let ico: Decided?
            let people: Decided?
            let commission: Decided?
            let typed: [String: String]
            /// Which answer of each yes-or-no question was sent with a mistake ("notify_yes"), to show it chosen again.
            let checked: [String: Bool]
            let errors: [FieldError]
            let errorFor: [String: String]
        }
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        let now = environment.clock()
        guard let breach = try await environment.breaches.breach(id) else { throw WebError.notFound }
        try await logRead(of: [id], by: viewer, now: now)
        let names = try await environment.users.names()
        func by(_ decision: DecisionBy) -> String { "\(names[decision.userID] ?? "unknown"), \(ShareRoutes.spoken(decision.at))" }
        let decisions = breach.decisions
        var typedValues: [String: String] = [:]
        for name in ["ico_reason", "reference", "late_reason", "people_reason", "told_on", "commission_reason"] {
            typedValues[name] = typed?[name] ?? ""
        }
        var checked: [String: Bool] = [:]
        for name in ["notify", "must_tell", "commission"] {
            for answer in ["yes", "no"] { checked["\(name)_\(answer)"] = typed?[name] == answer }
        }
        let view = View(
            chrome: try await environment.chrome(errors.isEmpty ? "Possible data breach" : "Error: Possible data breach", context),
            id: id.uuidString, row: Self.row(breach, now: now), report: breach.report,
            consequences: breach.report.likelyConsequences.nilIfEmpty, actionsTaken: breach.report.actionsTaken.nilIfEmpty,
            reportedBy: names[breach.reportedBy] ?? "unknown",
            reportedAt: ShareRoutes.spoken(breach.reportedAt), shareID: breach.shareID?.uuidString,
            deadline: ShareRoutes.spoken(breach.clock.deadline),
            ico: decisions.ico.map {
                Decided(
                    answer: $0.notify ? "The ICO is to be told" : "The ICO is not to be told", reason: $0.reason,
                    extra: [
                        $0.reference.isEmpty ? nil : "ICO reference: \($0.reference)", $0.lateReason.isEmpty ? nil : "Why late: \($0.lateReason)",
                    ]
                    .compactMap { $0 }.joined(separator: ". ").nilIfEmpty, by: by($0.by))
            },
            people: decisions.affectedPeople.map {
                Decided(
                    answer: $0.mustTell ? "The people affected must be told" : "The people affected need not be told", reason: $0.reason,
                    extra: $0.toldOn.map { "Told on \($0.spelledOut)" }, by: by($0.by))
            },
            commission: decisions.charityCommission.map {
                Decided(
                    answer: $0.report ? "Reported to the Charity Commission as a serious incident" : "Not a serious incident to report",
                    reason: $0.reason, extra: nil, by: by($0.by))
            },
            typed: typedValues, checked: checked, errors: errors, errorFor: FieldError.byField(errors))
        return environment.pages.page(.breach, view, status: status)
    }

    /// Records one decision from its form; a mistake shows the breach's page again with the message beside the field.
    func decide(
        _ request: Request, _ context: ConfidantRequestContext, part: String,
        _ change: @escaping @Sendable (Breach, FormFields, UUID, Date) -> Result<BreachDecisions, FormProblems>
    ) async throws -> Response {
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        let form = try await FormFields.read(request, context: context)
        let now = environment.clock()
        let outcome = try await environment.breaches.decide(id, part: part, by: viewer.id, now: now) { breach in
            change(breach, form, viewer.id, now)
        }
        switch outcome {
        case .success: return .redirect(to: "/breaches/\(id)")
        case .failure(let problems):
            return try await breachPage(
                context, errors: FieldError.from(problems.problems), typed: form, status: .badRequest)
        }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
