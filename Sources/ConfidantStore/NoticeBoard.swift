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

        /// Whether one of the queues `total(for:)` adds up stopped at `countedUpTo`, so the total is a lower bound.
        public func reachedCountLimit(for role: UserRole) -> Bool {
            [triage, approvals, advice, overdueTasks, duplicates, role == .dsl ? accessRequests : 0].contains { $0 >= NoticeBoard.countedUpTo }
        }
    }

    /// A queue's count on the leads' pages stops here: "1,000 or more" says what a lead needs, and counting a queue
    /// of 300,000 (a national charity's made-up backlog) took 25 ms on every page a lead opened.
    public static let countedUpTo = 1_000

    /// `COUNT(*)` of the rows of `rows` (a table and its `WHERE`), stopping at `countedUpTo`.
    static func counted(_ rows: SQLQueryString) -> SQLQueryString {
        "(SELECT COUNT(*) FROM (SELECT 1 FROM \(rows) LIMIT \(literal: countedUpTo)) AS counted)"
    }

    /// The leads' queues at `now`, each counted up to `countedUpTo`.
    public func leadQueues(now: Date) async throws -> LeadQueues {
        guard let sql = database.reader as? any SQLDatabase else { throw StoreError.notSQL }
        let row = try await sql.raw(
            """
            SELECT
              \(Self.counted("concerns WHERE awaiting_triage = \(bind: true)")) AS triage,
              \(Self.counted("shares WHERE status = \(bind: ShareStatus.awaitingApproval.rawValue)")) AS approvals,
              \(Self.counted("advice_requests WHERE answered_at IS NULL")) AS advice,
              \(Self.counted("share_tasks WHERE completed_at IS NULL AND due_at < \(bind: now)")) AS overdue,
              \(Self.counted("duplicate_reviews WHERE resolved_at IS NULL")) AS duplicates,
              \(Self.counted("access_requests WHERE decided_at IS NULL")) AS access
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

    /// The timers on the leads' pages at `now`, with the waits the organisation set. One statement over indexed columns;
    /// each count stops at `countedUpTo`.
    public func leadTimers(now: Date, waits: TriageWaits) async throws -> LeadTimers {
        guard let sql = database.reader as? any SQLDatabase else { throw StoreError.notSQL }
        let usual = now.addingTimeInterval(-waits.usual)
        let danger = now.addingTimeInterval(-waits.immediateDanger)
        let dangerWord = RiskLevel.immediateDanger.rawValue
        let awaiting = ShareStatus.awaitingApproval.rawValue
        let row = try await sql.raw(
            """
            SELECT
              \(Self.counted("concerns WHERE awaiting_triage = \(bind: true) AND submitted_at < \(bind: usual)")) AS late_triage,
              (SELECT MIN(submitted_at) FROM concerns WHERE awaiting_triage = \(bind: true) AND submitted_at < \(bind: usual)) AS oldest_triage,
              \(Self.counted("concerns WHERE awaiting_triage = \(bind: true) AND risk = \(bind: dangerWord) AND submitted_at < \(bind: danger)"))
                AS late_danger,
              (SELECT MIN(submitted_at) FROM concerns WHERE awaiting_triage = \(bind: true) AND risk = \(bind: dangerWord)
                 AND submitted_at < \(bind: danger)) AS oldest_danger,
              \(Self.counted("shares WHERE status = \(bind: awaiting)")) AS approvals,
              (SELECT MIN(created_at) FROM shares WHERE status = \(bind: awaiting)) AS oldest_approval,
              \(Self.counted("share_tasks WHERE completed_at IS NULL AND due_at < \(bind: now)")) AS overdue,
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

    /// How far back a sweep looks for what has become late. Each minute's sweep tells of what became late since the
    /// last, so it reads this window over indexed columns, not every task and concern ever recorded (at a national
    /// charity's size a full read held the database for minutes). What became late before the window (the server was
    /// stopped for longer) is not told one by one, but is counted on every lead's page (`leadTimers`).
    package static let sweepWindow: TimeInterval = 14 * 24 * 3600

    /// At most this many things are told in one sweep, in one transaction; the rest are told by the next sweeps.
    static let largestSweep = 200

    /// Tells the leads of tasks past due and of concerns waiting for triage too long; each once.
    public func sweep(now: Date, triageWaits: TriageWaits = TriageWaits()) async throws {
        guard let reader = database.reader as? any SQLDatabase else { throw StoreError.notSQL }
        let since = now.addingTimeInterval(-Self.sweepWindow)
        let overdue = try await reader.raw(
            """
            SELECT id FROM share_tasks WHERE completed_at IS NULL AND due_at < \(bind: now) AND due_at >= \(bind: since) ORDER BY due_at
            """
        ).all().map { "task:" + (try $0.decode(column: "id", as: UUID.self)).uuidString.lowercased() }
        // A concern is late once it has waited its risk's wait; it became late in the window when that was after `since`.
        let longest = max(triageWaits.usual, triageWaits.immediateDanger)
        let shortest = min(triageWaits.usual, triageWaits.immediateDanger)
        let danger = RiskLevel.immediateDanger.rawValue
        var urgent: Set<String> = []
        var waiting: [String] = []
        for row in try await reader.raw(
            """
            SELECT id, risk, submitted_at FROM concerns WHERE awaiting_triage = \(bind: true)
              AND submitted_at < \(bind: now.addingTimeInterval(-shortest)) AND submitted_at >= \(bind: since.addingTimeInterval(-longest))
            ORDER BY submitted_at
            """
        ).all() {
            let isDanger = try row.decode(column: "risk", as: String?.self) == danger
            let wait = isDanger ? triageWaits.immediateDanger : triageWaits.usual
            guard let submitted = try row.decode(column: "submitted_at", as: Date?.self),
                now.timeIntervalSince(submitted) >= wait, submitted.addingTimeInterval(wait) >= since
            else { continue }
            let target = "concern:" + (try row.decode(column: "id", as: UUID.self)).uuidString.lowercased()
            waiting.append(target)
            if isDanger { urgent.insert(target) }
        }
        guard !overdue.isEmpty || !waiting.isEmpty else { return }
        // What was already told is skipped here, so a sweep every minute writes nothing for it again (the unique notice
        // row would refuse it anyway). Looked up by kind and target, over that unique index.
        let tasks = try await untold(overdue, kind: .taskOverdue, on: reader)
        let concerns = try await untold(waiting, kind: .triageWaiting, on: reader)
        let told = (tasks.map { ($0, Notice.Kind.taskOverdue) } + concerns.map { ($0, Notice.Kind.triageWaiting) }).prefix(Self.largestSweep)
        guard !told.isEmpty else { return }
        let urgentTargets = urgent
        try await database.database.transaction { db in
            for (target, kind) in told {
                let notice =
                    kind == .taskOverdue
                    ? Notice(.taskOverdue, target: target, path: "/tasks")
                    : Notice(.triageWaiting, target: target, path: "/triage", urgent: urgentTargets.contains(target))
                try await postToLeads(notice, now: now, on: db)
            }
        }
    }

    /// Those of `targets` no notice of `kind` has been posted for, in their order.
    private func untold(_ targets: [String], kind: Notice.Kind, on sql: any SQLDatabase) async throws -> [String] {
        var told: Set<String> = []
        for chunk in targets.chunked(500) {
            let rows = try await sql.raw(
                "SELECT DISTINCT target FROM notices WHERE kind = \(bind: kind.rawValue) AND target IN (\(binds: Array(chunk)))"
            ).all()
            for row in rows { told.insert(try row.decode(column: "target", as: String.self)) }
        }
        return targets.filter { !told.contains($0) }
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
