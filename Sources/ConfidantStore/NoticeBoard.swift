import ConfidantCore
import FluentKit
import FluentSQL
import Foundation

/// Tells people that something waits for them, in the transaction of the change that caused it: an email through
/// the outbox at once, or (for a notice that is not urgent, to someone who chose a daily digest) a row the digest
/// sends later. Each person is told of one thing once: the notices table is unique by kind, target and person, so
/// two instances sweeping at the same moment send one email.
public struct NoticeBoard: Sendable {
    let database: ConfidantDatabase
    let outbox: MailOutbox
    /// This installation's public address, for the links in the emails.
    let siteAddress: String

    public init(_ database: ConfidantDatabase, cipher: FieldCipher, siteAddress: String) {
        self.database = database
        self.outbox = MailOutbox(database, cipher: cipher)
        self.siteAddress = siteAddress.hasSuffix("/") ? String(siteAddress.dropLast()) : siteAddress
    }

    func link(_ path: String) -> String { siteAddress + path }

    /// Posts `notice` to each of `users` who can sign in; returns how many were newly told.
    @discardableResult
    func post(_ notice: Notice, to users: [UserModel], now: Date, on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
        var told = 0
        for user in users where !user.disabled && !user.awaitingApproval {
            let userID = try user.requireID()
            let sendNow = notice.urgent || !user.dailyDigest
            let inserted = try await sql.raw(
                """
                INSERT INTO notices (id, user_id, kind, target, created_at, sent_at)
                VALUES (\(bind: UUID()), \(bind: userID), \(bind: notice.kind.rawValue), \(bind: notice.target), \(bind: now),
                        \(bind: sendNow ? now : nil))
                ON CONFLICT (kind, target, user_id) DO NOTHING RETURNING id
                """
            ).first()
            guard inserted != nil else { continue }
            told += 1
            if sendNow {
                try await outbox.queue(
                    OutboxEmail(recipient: user.email, subject: notice.kind.subject, body: notice.body(link: link(notice.path))), now: now,
                    on: db)
            }
        }
        return told
    }

    /// Posts `notice` to every safeguarding lead and deputy.
    func postToLeads(_ notice: Notice, except: UUID? = nil, now: Date, on db: any Database) async throws {
        let leads = try await UserModel.query(on: db).filter(\.$role ~~ [UserRole.dsl.rawValue, UserRole.deputyDSL.rawValue]).all()
        try await post(notice, to: leads.filter { $0.id != except }, now: now, on: db)
    }

    /// Posts `notice` to one account.
    func post(_ notice: Notice, toUser id: UUID, now: Date, on db: any Database) async throws {
        guard let user = try await UserModel.find(id, on: db) else { return }
        try await post(notice, to: [user], now: now, on: db)
    }

    /// Emails a partner contact who may have no account that something was shared with them: the link opens the share
    /// after sign-in, or sends a one-time code to this same address.
    func tellContact(_ email: String, shareID: UUID, now: Date, on db: any Database) async throws {
        let notice = Notice(.sharedWithYou, target: "share:\(shareID.uuidString.lowercased())", path: "/shares/\(shareID)/code", urgent: true)
        try await outbox.queue(
            OutboxEmail(recipient: email, subject: notice.kind.subject, body: notice.body(link: link(notice.path))), now: now, on: db)
    }

    // MARK: Queues

    /// What waits for the safeguarding leads, counted in one query: it is on every page a lead opens.
    public struct LeadQueues: Sendable, Equatable {
        public var triage: Int
        public var approvals: Int
        public var advice: Int
        public var overdueTasks: Int
        /// Possible duplicates recorded by someone who could not see the match.
        public var duplicates: Int
        /// Requests for a role that reads cases, which only the DSL decides.
        public var accessRequests: Int

        public init(triage: Int, approvals: Int, advice: Int, overdueTasks: Int, duplicates: Int = 0, accessRequests: Int = 0) {
            self.triage = triage
            self.approvals = approvals
            self.advice = advice
            self.overdueTasks = overdueTasks
            self.duplicates = duplicates
            self.accessRequests = accessRequests
        }

        /// Everything waiting for a lead of `role`: access requests count only for the DSL, who alone decides them.
        public func total(for role: UserRole) -> Int {
            triage + approvals + advice + overdueTasks + duplicates + (role == .dsl ? accessRequests : 0)
        }
    }

    /// The leads' queues at `now`.
    public func leadQueues(now: Date) async throws -> LeadQueues {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        let row = try await sql.raw(
            """
            SELECT
              (SELECT COUNT(*) FROM concerns WHERE awaiting_triage = \(bind: true)) AS triage,
              (SELECT COUNT(*) FROM shares WHERE status = \(bind: ShareStatus.awaitingApproval.rawValue)) AS approvals,
              (SELECT COUNT(*) FROM advice_requests WHERE answered_at IS NULL) AS advice,
              (SELECT COUNT(*) FROM share_tasks WHERE completed_at IS NULL AND due_at < \(bind: now)) AS overdue,
              (SELECT COUNT(*) FROM duplicate_reviews WHERE resolved_at IS NULL) AS duplicates,
              (SELECT COUNT(*) FROM access_requests WHERE decided_at IS NULL) AS access
            """
        ).first()
        return LeadQueues(
            triage: try row?.decode(column: "triage", as: Int.self) ?? 0, approvals: try row?.decode(column: "approvals", as: Int.self) ?? 0,
            advice: try row?.decode(column: "advice", as: Int.self) ?? 0, overdueTasks: try row?.decode(column: "overdue", as: Int.self) ?? 0,
            duplicates: try row?.decode(column: "duplicates", as: Int.self) ?? 0, accessRequests: try row?.decode(column: "access", as: Int.self) ?? 0
        )
    }

    /// What has waited too long in the leads' queues: how many, and since when the longest has waited.
    public struct LeadTimers: Sendable, Equatable {
        /// Concerns waiting for triage longer than the usual wait.
        public var lateTriage: Int
        public var oldestLateTriage: Date?
        /// Concerns recorded in immediate danger, waiting for triage longer than the wait for danger (an hour).
        public var lateDanger: Int
        public var oldestLateDanger: Date?
        /// Shares waiting for a lead's approval: every one is waiting on a lead, so each counts from its proposal.
        public var approvals: Int
        public var oldestApproval: Date?
        /// Inform and involve tasks past their due time.
        public var overdueTasks: Int
        public var oldestOverdueDue: Date?

        public init(
            lateTriage: Int, oldestLateTriage: Date? = nil, lateDanger: Int, oldestLateDanger: Date? = nil, approvals: Int,
            oldestApproval: Date? = nil, overdueTasks: Int, oldestOverdueDue: Date? = nil
        ) {
            self.lateTriage = lateTriage
            self.oldestLateTriage = oldestLateTriage
            self.lateDanger = lateDanger
            self.oldestLateDanger = oldestLateDanger
            self.approvals = approvals
            self.oldestApproval = oldestApproval
            self.overdueTasks = overdueTasks
            self.oldestOverdueDue = oldestOverdueDue
        }
    }

    /// The timers on the leads' pages at `now`, with the waits the organisation set. One statement over indexed columns.
    public func leadTimers(now: Date, waits: TriageWaits) async throws -> LeadTimers {
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        let usual = now.addingTimeInterval(-waits.usual)
        let danger = now.addingTimeInterval(-waits.immediateDanger)
        let dangerWord = RiskLevel.immediateDanger.rawValue
        let awaiting = ShareStatus.awaitingApproval.rawValue
        let row = try await sql.raw(
            """
            SELECT
              (SELECT COUNT(*) FROM concerns WHERE awaiting_triage = \(bind: true) AND submitted_at < \(bind: usual)) AS late_triage,
              (SELECT MIN(submitted_at) FROM concerns WHERE awaiting_triage = \(bind: true) AND submitted_at < \(bind: usual)) AS oldest_triage,
              (SELECT COUNT(*) FROM concerns WHERE awaiting_triage = \(bind: true) AND risk = \(bind: dangerWord)
                 AND submitted_at < \(bind: danger)) AS late_danger,
              (SELECT MIN(submitted_at) FROM concerns WHERE awaiting_triage = \(bind: true) AND risk = \(bind: dangerWord)
                 AND submitted_at < \(bind: danger)) AS oldest_danger,
              (SELECT COUNT(*) FROM shares WHERE status = \(bind: awaiting)) AS approvals,
              (SELECT MIN(created_at) FROM shares WHERE status = \(bind: awaiting)) AS oldest_approval,
              (SELECT COUNT(*) FROM share_tasks WHERE completed_at IS NULL AND due_at < \(bind: now)) AS overdue,
              (SELECT MIN(due_at) FROM share_tasks WHERE completed_at IS NULL AND due_at < \(bind: now)) AS oldest_overdue
            """
        ).first()
        guard let row else { return LeadTimers(lateTriage: 0, lateDanger: 0, approvals: 0, overdueTasks: 0) }
        return LeadTimers(
            lateTriage: try row.decode(column: "late_triage", as: Int.self),
            oldestLateTriage: try row.decode(column: "oldest_triage", as: Date?.self),
            lateDanger: try row.decode(column: "late_danger", as: Int.self),
            oldestLateDanger: try row.decode(column: "oldest_danger", as: Date?.self),
            approvals: try row.decode(column: "approvals", as: Int.self), oldestApproval: try row.decode(column: "oldest_approval", as: Date?.self),
            overdueTasks: try row.decode(column: "overdue", as: Int.self), oldestOverdueDue: try row.decode(column: "oldest_overdue", as: Date?.self))
    }

    // MARK: Sweeps

    /// How long a concern may wait for triage before the leads are told, by its risk (defaults: a day; an hour in immediate danger).
    public struct TriageWaits: Sendable, Equatable {
        public var usual: TimeInterval
        public var immediateDanger: TimeInterval

        public init(usual: TimeInterval = 24 * 3600, immediateDanger: TimeInterval = 3600) {
            self.usual = usual
            self.immediateDanger = immediateDanger
        }
    }

    /// Tells the leads of tasks past due and of concerns waiting for triage too long; each once.
    public func sweep(now: Date, triageWaits: TriageWaits = TriageWaits()) async throws {
        let overdue = try await ShareTaskModel.query(on: database.database).filter(\.$completedAt == nil).filter(\.$dueAt < now).all()
        let waiting = try await ConcernModel.query(on: database.database).filter(\.$awaitingTriage == true)
            .filter(\.$submittedAt < now.addingTimeInterval(-min(triageWaits.usual, triageWaits.immediateDanger)))
            .all()
        guard !overdue.isEmpty || !waiting.isEmpty else { return }
        // What was already told is skipped here, so a sweep every minute writes nothing for it again (the unique notice
        // row would refuse it anyway).
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        let told = Set(
            try await sql.raw(
                """
                SELECT DISTINCT target FROM notices WHERE kind IN (\(bind: Notice.Kind.taskOverdue.rawValue), \(bind: Notice.Kind.triageWaiting.rawValue))
                """
            ).all().map { try $0.decode(column: "target", as: String.self) })
        let tasks = try overdue.filter { !told.contains("task:\(try $0.requireID().uuidString.lowercased())") }
        let concerns = try waiting.filter { !told.contains("concern:\(try $0.requireID().uuidString.lowercased())") }
        guard !tasks.isEmpty || !concerns.isEmpty else { return }
        try await database.database.transaction { db in
            for task in tasks {
                let id = try task.requireID()
                try await postToLeads(Notice(.taskOverdue, target: "task:\(id.uuidString.lowercased())", path: "/tasks"), now: now, on: db)
            }
            for concern in concerns {
                let danger = concern.risk == RiskLevel.immediateDanger.rawValue
                guard let submitted = concern.submittedAt,
                    now.timeIntervalSince(submitted) >= (danger ? triageWaits.immediateDanger : triageWaits.usual)
                else { continue }
                let id = try concern.requireID()
                try await postToLeads(
                    Notice(.triageWaiting, target: "concern:\(id.uuidString.lowercased())", path: "/triage", urgent: danger), now: now, on: db)
            }
        }
    }

    /// Sends each person who chose a daily digest one email of what waited for them, in the hour from `hour` (UTC):
    /// what arrives later waits for the next day's.
    ///
    /// The rows are marked sent in the same statement that takes them, so two instances never send one twice.
    public func sendDigests(now: Date, hour: Int = 7) async throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        guard calendar.component(.hour, from: now) == hour else { return }
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        let dueUsers = try await sql.raw("SELECT DISTINCT user_id FROM notices WHERE sent_at IS NULL").all()
            .map { try $0.decode(column: "user_id", as: UUID.self) }
        let day = CalendarDay(containing: now)
        for userID in dueUsers {
            try await database.database.transaction { db in
                guard let sql = db as? any SQLDatabase, let user = try await UserModel.find(userID, on: db) else { return }
                // One digest a day: the day's marker row is inserted once, by whichever instance gets there first.
                let first = try await sql.raw(
                    """
                    INSERT INTO notices (id, user_id, kind, target, created_at, sent_at)
                    VALUES (\(bind: UUID()), \(bind: userID), 'daily_digest', \(bind: "digest:\(day.year)-\(day.month)-\(day.day)"),
                            \(bind: now), \(bind: now))
                    ON CONFLICT (kind, target, user_id) DO NOTHING RETURNING id
                    """
                ).first()
                guard first != nil else { return }
                let rows = try await sql.raw(
                    """
                    UPDATE notices SET sent_at = \(bind: now) WHERE user_id = \(bind: userID) AND sent_at IS NULL
                    RETURNING kind, target
                    """
                ).all()
                guard !user.disabled, !user.awaitingApproval else { return }
                let notices = try rows.compactMap { row -> Notice? in
                    guard let kind = Notice.Kind(rawValue: try row.decode(column: "kind", as: String.self)) else { return nil }
                    return Notice(kind, target: try row.decode(column: "target", as: String.self), path: Self.page(of: kind))
                }
                guard !notices.isEmpty else { return }
                let digest = Notice.digest(notices, link: link)
                try await outbox.queue(OutboxEmail(recipient: user.email, subject: digest.subject, body: digest.body), now: now, on: db)
            }
        }
    }

    /// The list page of a kind, for a digest line.
    static func page(of kind: Notice.Kind) -> String {
        switch kind {
        case .sharedWithYou, .shareApproved, .shareRefused: "/shares"
        case .urgentConcern, .triageWaiting: "/triage"
        case .shareAwaitingApproval: "/shares/approvals"
        case .adviceQuestion, .adviceAnswered: "/advice"
        case .taskOverdue: "/tasks"
        case .possibleBreach: "/breaches"
        case .subjectAccessDueSoon, .subjectAccessOverdue: "/subject-access"
        case .disposalProposed: "/retention"
        case .transferOverdue: "/transfers"
        }
    }
}
