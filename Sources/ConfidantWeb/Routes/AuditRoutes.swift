import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// The auditors' searchable log and integrity check, and "who has seen this record" for safeguarding leads.
struct AuditRoutes: RouteRegistration {
    let environment: WebEnvironment
    let verifierKey: AuditVerifierKey?

    struct ActionOption: Sendable { let value: String; let label: String; let selected: Bool }
    struct Filters: Sendable { let actor: String; let target: String; let from: String; let to: String }
    struct DetailLine: Sendable {
        let label: String
        let value: String
    }
    struct EventRow: Sendable {
        let sequence: UInt64
        let time: String
        /// What happened, in a sentence: "Dana Lead opened a concern about Child 7F3A".
        let sentence: String
        let action: String
        let details: [DetailLine]
        /// "Who has seen this", for an event about a record.
        let seenByHref: String?
    }
    struct Verification: Sendable { let summary: String; let state: String }

    struct AuditLogView {
        let chrome: PageChrome
        let size: UInt64
        let verifierKey: String
        let verification: Verification?
        let filters: Filters
        let actions: [ActionOption]
        let events: [EventRow]
        let resultCaption: String
        /// The next page of older events, and the way back to the newest.
        let olderHref: String?
        let newestHref: String?
        let csvHref: String
        let errors: [FieldError]
        /// Each field's message, beside it.
        let errorFor: [String: String]
    }

    struct ViewerRow: Sendable {
        let name: String
        let firstSeen: String
        let lastSeen: String
        let count: Int
        let how: String
    }

    struct SeenByView {
        let chrome: PageChrome
        let target: String
        let viewers: [ViewerRow]
        /// Which views of the records made from it count too, in words ("its shares"), when any do.
        let familyNote: String?
    }

    /// How someone saw a record, in words.
    static func how(_ action: AuditAction) -> String {
        switch action {
        case .caseRead: "opened it, or saw it in a list or search"
        case .shareViewed: "viewed a share of it"
        case .export: "printed or exported it"
        default: AuditWording.words(action.rawValue).lowercased()
        }
    }

    /// Only auditors search the whole log: it names who did what, though never what a record says.
    static let auditors = RouteAccess.roles([.auditor])
    /// Safeguarding leads see who has opened the records they are responsible for; auditors too.
    static let leadsAndAuditors = RouteAccess.roles([.dsl, .deputyDSL, .auditor])

    func register(on routes: SecureRouter) {
        routes.get("/audit", access: Self.auditors) { request, context in
            try await logPage(request, context, verification: nil)
        }
        routes.post("/audit/verify", access: Self.auditors) { request, context in
            let result = try await environment.audit.verify(key: verifierKey)
            let verification = Verification(summary: try await verdict(result), state: result.isIntact ? "verified" : "tampered")
            return try await logPage(request, context, verification: verification)
        }
        routes.get("/audit.csv", access: Self.auditors) { request, context in
            let search = try parse(request)
            guard search.errors.isEmpty else { throw WebError.badRequest(search.errors.map(\.message).joined(separator: ". ") + ".") }
            let events = try await environment.audit.search(
                actor: try await actorID(search.filters.actor), action: search.action, targets: try await targets(search.target), from: search.from,
                to: search.to, limit: Self.csvLimit)
            let wording = try await AuditTargetWords.load(for: events, environment: environment)
            var lines = ["Number,When (UTC),What happened,Action,Record or account,Detail"]
            for event in events {
                lines.append(
                    [
                        String(event.sequence), AuditTime.iso8601(milliseconds: event.time), wording.sentence(event),
                        AuditWording.words(event.action.rawValue), event.target, event.detail,
                    ].map(ReportTable.csvField).joined(separator: ","))
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"confidant-audit-log.csv\""],
                body: .init(byteBuffer: ByteBuffer(string: lines.joined(separator: "\r\n") + "\r\n")))
        }
        // The signed export, as `confidant audit export` writes it: every checkpoint, then every event, one JSON object
        // a line, for anyone who checks the log with the verifier key. Written a page at a time.
        routes.get("/audit/export.jsonl", access: Self.auditors) { _, context in
            let auditor = try context.signedInUser()
            let log = environment.audit
            // Logged before a byte leaves, as every export is: a download cut short is still on record. It holds the
            // events up to this one (the export's own event comes after them).
            let size = try await log.head().size
            try await log.append(
                AuditEntry(
                    time: AuditClock.milliseconds(environment.clock()), actor: AuditName.user(auditor.id), action: .export,
                    target: "audit_log", detail: AuditDetail(["events": .int(Int64(size))])))
            let body = ResponseBody { writer in
                var lines = ""
                for checkpoint in try await log.checkpoints() { lines += AuditExportRecord.checkpoint(checkpoint).jsonLine + "\n" }
                try await writer.write(ByteBuffer(string: lines))
                var next: UInt64 = 1
                while next <= size {
                    let page = try await log.events(from: next, limit: min(5_000, Int(size - next + 1)))
                    guard let last = page.last else { break }
                    try await writer.write(ByteBuffer(string: page.map { AuditExportRecord.event($0).jsonLine + "\n" }.joined()))
                    next = last.sequence + 1
                }
                try await writer.finish(nil)
            }
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/jsonl; charset=utf-8", .contentDisposition: "attachment; filename=\"confidant-audit-export.jsonl\"",
                ],
                body: body)
        }
        routes.get("/audit/seen-by", access: Self.leadsAndAuditors) { request, context in
            guard let target = request.uri.queryParameters["target"].map(String.init), !target.isEmpty, target.count <= 200 else {
                throw WebError.badRequest("Say which record: follow \"Who has seen this record\" from the record or from the audit log.")
            }
            // Seeing a share made from a concern is seeing that concern; seeing a person's concern is seeing the person.
            let family = try await AuditSubjects(environment.database).family(of: target)
            let viewers = try await environment.audit.viewers(ofAny: family)
            let wording = try await AuditTargetWords.load(targets: [target], environment: environment)
            let zone = environment.configuration.organisation.timeZone
            let rows = viewers.map { viewer in
                ViewerRow(
                    name: wording.actorWithEmail(viewer.actor), firstSeen: Self.when(viewer.firstSeen, in: zone),
                    lastSeen: Self.when(viewer.lastSeen, in: zone), count: viewer.count,
                    how: viewer.actions.map(Self.how).joined(separator: ", "))
            }
            return environment.pages.page(
                .seenBy,
                SeenByView(
                    chrome: PageChrome(title: "Who has seen this record", context: context),
                    target: AuditWording.words(wording.describe(target)), viewers: rows,
                    familyNote: family.count > 1 ? (target.hasPrefix("person:") ? "their concerns and the shares made from them" : "its shares") : nil
                ))
        }
    }

    /// How many events one page of the log shows, and the most a CSV holds.
    static let pageSize = 50
    static let csvLimit = 10_000

    /// A search as the query asked for it, with each mistake on its field.
    struct Search {
        let filters: Filters
        let action: String?
        let target: String?
        let from: Int64?
        let to: Int64?
        let before: UInt64?
        let errors: [FieldError]

        /// The same search as a query string, for the links to other pages of it and to its CSV.
        var query: String {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            let pairs = [
                ("actor", filters.actor), ("action", action ?? ""), ("target", target ?? ""), ("from", filters.from), ("to", filters.to),
            ]
            return pairs.filter { !$0.1.isEmpty }.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
                .joined(separator: "&")
        }
    }

    func parse(_ request: Request) throws -> Search {
        let query = request.formQuery
        let text = { (name: String) -> String in String(query[name].prefix(200)).trimmingCharacters(in: .whitespaces) }
        let filters = Filters(actor: text("actor"), target: text("target"), from: text("from"), to: text("to"))
        var errors: [FieldError] = []
        let from = Self.day(filters.from, field: "from", errors: &errors)
        let to = Self.day(filters.to, field: "to", errors: &errors).map { $0 + 24 * 60 * 60 * 1000 - 1 }
        let action = text("action")
        var before: UInt64?
        if !text("before").isEmpty {
            guard let value = UInt64(text("before")) else {
                throw WebError.badRequest("That link to a page of the log is not right. Start again from the audit log.")
            }
            before = value
        }
        return Search(
            filters: filters, action: action.isEmpty ? nil : action, target: filters.target.isEmpty ? nil : filters.target, from: from,
            to: to, before: before, errors: errors)
    }

    /// The targets a "record or account" search means: as typed (`concern:<id>`, from a link); an account's email
    /// address; or a pseudonym the log shows ("Child 7F3A"), which means every record of each person it fits.
    func targets(_ typed: String?) async throws -> [String]? {
        guard let typed, !typed.isEmpty else { return nil }
        if typed.contains("@"), let user = try await environment.users.find(email: typed) { return [AuditName.account(user.id)] }
        let subjects = AuditSubjects(environment.database)
        if let (kind, prefix) = PersonKind.parsePseudonym(typed) {
            var found: [String] = []
            for person in try await subjects.people(kind: kind, idPrefix: prefix) {
                found += try await subjects.family(of: "person:\(person.uuidString.lowercased())")
            }
            return found.isEmpty ? ["person:none"] : found
        }
        return [typed]
    }

    /// The account an email address names in the log, or what was typed (the log may name `system` or an address).
    func actorID(_ actor: String) async throws -> String? {
        guard !actor.isEmpty else { return nil }
        return try await environment.users.find(email: actor).map { AuditName.user($0.id) } ?? actor
    }

    /// The integrity check in words: how many events, the last one's time, and the last signed checkpoint.
    func verdict(_ result: AuditVerificationResult) async throws -> String {
        guard result.isIntact else { return "The log has been changed or cut short: \(result.summary)." }
        let zone = environment.configuration.organisation.timeZone
        let last = try await environment.audit.events(from: max(result.eventCount, 1), limit: 1).first
        let checkpoint = try await environment.audit.checkpoints().last
        var words = "The log is complete and unchanged: \(result.eventCount) events"
        if let last { words += ", the last at \(AuditRoutes.when(last.time, in: zone))" }
        words += "."
        words +=
            checkpoint.map {
                " Last signed checkpoint: \(AuditRoutes.when($0.checkpoint.time, in: zone)), covering \($0.checkpoint.treeSize) events."
            }
            ?? " No checkpoint has been signed yet."
        return words
    }

    /// A time in the log as people read it, in the organisation's time zone: "2 Dec 2026, 14:02".
    static func when(_ milliseconds: Int64, in timeZone: TimeZone) -> String {
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return ReportPeriod.words(date, in: timeZone) + String(format: ", %02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    func logPage(_ request: Request, _ context: ConfidantRequestContext, verification: Verification?) async throws -> Response {
        let search = try parse(request)
        let zone = environment.configuration.organisation.timeZone
        // One more than a page: whether there is an older page to link to.
        let found =
            search.errors.isEmpty
            ? try await environment.audit.search(
                actor: try await actorID(search.filters.actor), action: search.action, targets: try await targets(search.target),
                from: search.from, to: search.to, before: search.before, limit: Self.pageSize + 1)
            : []
        let events = Array(found.prefix(Self.pageSize))
        let wording = try await AuditTargetWords.load(for: events, environment: environment)
        let rows = events.map { event in
            EventRow(
                sequence: event.sequence, time: Self.when(event.time, in: zone), sentence: wording.sentence(event),
                action: AuditWording.words(event.action.rawValue),
                details: AuditWording.detailLines(event.detail, describe: wording.describeValue).map { DetailLine(label: $0.label, value: $0.value) },
                seenByHref: wording.isRecord(event.target) ? "/audit/seen-by?target=\(event.target)" : nil)
        }
        let query = search.query
        let olderHref =
            found.count > Self.pageSize
            ? "/audit?" + ([query, "before=\(events.last?.sequence ?? 0)"].filter { !$0.isEmpty }.joined(separator: "&")) : nil
        let caption =
            rows.isEmpty
            ? "No events match." : "Events \(rows.last?.sequence ?? 0) to \(rows.first?.sequence ?? 0), newest first (\(Self.pageSize) a page)"
        let view = AuditLogView(
            chrome: PageChrome(title: search.errors.isEmpty ? "Audit log" : "Error: Audit log", context: context, path: "/audit"),
            size: try await environment.audit.head().size, verifierKey: verifierKey?.text ?? "none configured",
            verification: verification, filters: search.filters,
            actions: AuditAction.allCases.map {
                ActionOption(value: $0.rawValue, label: AuditWording.words($0.rawValue), selected: $0.rawValue == search.action)
            },
            events: rows, resultCaption: caption, olderHref: olderHref,
            newestHref: search.before == nil ? nil : "/audit" + (query.isEmpty ? "" : "?" + query),
            csvHref: "/audit.csv" + (query.isEmpty ? "" : "?" + query), errors: search.errors, errorFor: FieldError.byField(search.errors))
        return environment.pages.page(.auditLog, view, status: search.errors.isEmpty ? .ok : .badRequest)
    }

    /// Milliseconds at the start of a day (UTC) typed as people write it (24/11/2026, 2026-11-24), or an error on the field.
    static func day(_ text: String, field: String, errors: inout [FieldError]) -> Int64? {
        guard !text.isEmpty else { return nil }
        guard let day = CalendarDay(typed: text) else {
            errors.append(FieldError(field: field, message: "Enter the \(field) date like 24/11/2026 or 2026-11-24"))
            return nil
        }
        return AuditClock.milliseconds(day.start)
    }
}
