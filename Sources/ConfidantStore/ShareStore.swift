import ConfidantCore
import Crypto
import FluentKit
import FluentSQL
import Foundation

/// Partner agencies and shares: snapshots sealed at rest and never rewritten, every change and every view in the audit log.
public struct ShareStore: Sendable {
    let database: ConfidantDatabase
    let cipher: FieldCipher
    /// Where the emails about shares wait for delivery.
    var outbox: MailOutbox { MailOutbox(database, cipher: cipher) }
    /// Working days the person has to be told in (docs/sharing.md: default 2, configurable with `serve --inform-working-days`).
    let informWorkingDays: Int
    /// The days the organisation works, which those working days are counted in.
    let calendar: WorkingCalendar
    /// Who is told of a share, an approval and a refusal; nil where nobody is (the command line, store tests).
    let notices: NoticeBoard?

    public init(
        _ database: ConfidantDatabase, cipher: FieldCipher, informWorkingDays: Int = InformTask.defaultWorkingDays,
        calendar: WorkingCalendar = WorkingCalendar(), notices: NoticeBoard? = nil
    ) {
        self.calendar = calendar
        self.database = database
        self.cipher = cipher
        self.informWorkingDays = informWorkingDays
        self.notices = notices
    }

    // MARK: Partner agencies

    /// Adds an agency to the register.
    public func createAgency(_ agency: PartnerAgency, by actor: UUID, now: Date) async throws -> PartnerAgency {
        let model = PartnerAgencyModel()
        model.id = agency.id
        model.name = agency.name
        model.type = agency.type.rawValue
        model.agreementReference = agency.agreementReference
        model.agreementReviewDate = agency.agreementReviewDate
        model.createdAt = now
        try await database.database.transaction { db in
            try await model.create(on: db)
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.user(actor), .configurationChanged, target: "agency:\(Self.id(agency.id))",
                    ["type": .string(agency.type.rawValue)]), on: db)
        }
        return PartnerAgency(
            id: agency.id, name: agency.name, type: agency.type, agreementReference: agency.agreementReference,
            agreementReviewDate: agency.agreementReviewDate)
    }

    /// Adds a named contact to an agency.
    public func addContact(to agencyID: UUID, name: String, email: String, by actor: UUID, now: Date) async throws -> AgencyContact {
        let contact = AgencyContact(id: UUID(), agencyID: agencyID, name: name, email: AgencyContact.normalised(email))
        try await database.database.transaction { db in
            guard try await PartnerAgencyModel.find(agencyID, on: db) != nil else { throw RecordError.notFound }
            let model = AgencyContactModel()
            model.id = contact.id
            model.agencyID = agencyID
            model.name = contact.name
            model.email = contact.email
            model.createdAt = now
            try await model.create(on: db)
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.user(actor), .configurationChanged, target: "agency:\(Self.id(agencyID))",
                    ["contact": .string("contact:\(Self.id(contact.id))")]), on: db)
        }
        return contact
    }

    /// Every agency with its contacts, by name.
    public func agencies() async throws -> [PartnerAgency] {
        let contacts = try await AgencyContactModel.query(on: database.reader).sort(\.$name).all()
        return try await PartnerAgencyModel.query(on: database.reader).sort(\.$name).all().map { model in
            let id = try model.requireID()
            return PartnerAgency(
                id: id, name: model.name, type: try AgencyType.stored(model.type, in: "partner_agencies.type"),
                agreementReference: model.agreementReference, agreementReviewDate: model.agreementReviewDate,
                contacts: try contacts.filter { $0.agencyID == id }.map(Self.contact))
        }
    }

    /// One contact, or nil.
    public func contact(_ id: UUID) async throws -> AgencyContact? {
        try await AgencyContactModel.find(id, on: database.reader).map(Self.contact)
    }

    /// The contacts whose email is `email`: the partner account signed in with it is each of them.
    public func contacts(email: String) async throws -> [AgencyContact] {
        try await AgencyContactModel.query(on: database.reader).filter(\.$email == AgencyContact.normalised(email)).all().map(Self.contact)
    }

    static func contact(_ model: AgencyContactModel) throws -> AgencyContact {
        AgencyContact(id: try model.requireID(), agencyID: model.agencyID, name: model.name, email: model.email)
    }

    // MARK: Shares

    /// Records a proposal as the engine decided it, in one transaction: sent (`share_created`, its tasks opened and its
    /// recipient told), waiting for a lead (the leads told), or a decision not to share.
    public func record(_ proposal: ShareProposal) async throws -> Share {
        try await database.database.transaction { db in try await insert(proposal, transfer: nil, on: db) }
    }

    /// Records a proposal within the caller's transaction. A share that a transfer sends (`transfer`) tells nobody:
    /// the transfer tells its contact once, for all of its shares.
    func insert(_ proposal: ShareProposal, transfer: UUID?, on db: any Database) async throws -> Share {
        let now = proposal.at
        var stored = proposal.share
        // Every share that leaves ends at its expiry: to a partner contact, a partner account or a colleague alike.
        if stored.status == .shared, stored.recipientContactID != nil || stored.recipientUserID != nil {
            stored.expiresAt = now.addingTimeInterval(Share.linkLifetime)
        }
        // Locked: two shares of one concern at once must join one inform task, not open two.
        try await db.lockForUpdate(ConcernModel.schema, id: stored.concernID)
        guard try await ConcernModel.find(stored.concernID, on: db) != nil else { throw RecordError.notFound }
        let sealed = try cipher.seal(
            stored.snapshot, binding: "share:\(stored.id)", within: try await personKeys.key(for: stored.personID, now: now, on: db))
        let model = ShareModel()
        model.id = stored.id
        model.concernID = stored.concernID
        model.personID = stored.personID
        model.proposerID = stored.proposerID
        model.status = stored.status.rawValue
        model.recipientUserID = stored.recipientUserID
        model.recipientContactID = stored.recipientContactID
        model.keyID = sealed.keyID
        model.sealedSnapshot = sealed.box
        model.createdAt = now
        model.expiresAt = stored.expiresAt
        model.engineOutcome = stored.snapshot.outcome.rawValue
        model.identified = stored.snapshot.form == .identified
        model.informsDSLAfter = stored.snapshot.obligations.contains(.informDSLAfter)
        model.transferID = transfer
        try await model.create(on: db)
        try await AuditLogStore.append(Self.event(for: stored, actor: stored.proposerID, now: now), on: db)
        switch stored.status {
        case .shared:
            try await Self.openTasks(proposal.opensTasks, for: stored, workingDays: informWorkingDays, calendar: calendar, now: now, on: db)
            if transfer == nil { try await tellRecipient(of: stored, now: now, on: db) }
        case .awaitingApproval:
            try await notices?.postToLeads(
                Notice(.shareAwaitingApproval, target: "share:\(Self.id(stored.id))", path: "/shares/\(stored.id)"), now: now, on: db)
        case .refused, .notShared:
            break
        }
        return stored
    }

    /// Tells the recipient of a share that was just sent: a colleague or partner account through their notices, a
    /// contact without an account by email to their address.
    func tellRecipient(of share: Share, now: Date, on db: any Database) async throws {
        guard let notices else { return }
        let notice = Notice(.sharedWithYou, target: "share:\(Self.id(share.id))", path: "/shares/\(share.id)", urgent: true)
        if let userID = share.recipientUserID {
            try await notices.post(notice, toUser: userID, now: now, on: db)
        } else if let contactID = share.recipientContactID, let contact = try await AgencyContactModel.find(contactID, on: db) {
            if let account = try await UserModel.query(on: db).filter(\.$email == contact.email.lowercased()).first() {
                try await notices.post(notice, to: [account], now: now, on: db)
            } else {
                try await notices.tellContact(contact.email, shareID: share.id, now: now, on: db)
            }
        }
    }

    /// The audit event of a new share: `share_created` when it was sent, otherwise the record of the decision.
    /// Each file a share sends with its SHA-256, as in its attachment_added event: the log proves which bytes left.
    static func fileHashes(_ share: Share) -> AuditDetail.Value? {
        let files = share.snapshot.sections.flatMap(\.files)
        return files.isEmpty ? nil : .strings(files.map { "attachment:\(id($0.id)) sha256:\($0.sha256)" })
    }

    static func event(for share: Share, actor: UUID, now: Date) -> AuditEntry {
        var detail: [String: AuditDetail.Value] = [
            "concern": .string("concern:\(id(share.concernID))"), "status": .string(share.status.rawValue),
            "outcome": .string(share.snapshot.outcome.rawValue), "form": .string(share.snapshot.form.rawValue),
            "recipient_kind": .string(share.snapshot.facts.recipientKind.rawValue),
            "lawful_basis": .string(share.snapshot.lawfulBasis.rawValue), "reasons": .strings(share.snapshot.reasons.map(\.rawValue)),
        ]
        if let files = fileHashes(share) { detail["files"] = files }
        return .at(
            now, actor: AuditName.user(actor), share.status == .shared ? .shareCreated : .recordCreated,
            target: "share:\(id(share.id))", detail)
    }

    /// A safeguarding lead approves an escalated share for `reason`: it is sent as it was frozen, with the lead's
    /// `ShareApproval` (`Share.approved(by:reason:at:)`) kept sealed beside it, its tasks opened, its recipient and
    /// proposer told, and `share_created` logged. A lead who decided it first is named in the error.
    public func approve(_ shareID: UUID, by lead: UUID, reason: String, now: Date) async throws -> Share {
        try await database.database.transaction { db in
            let model = try await Self.awaitingDecision(shareID, verb: "approved", on: db)
            let key = try await personKeys.key(for: model.personID, now: now, on: db)
            let approval = try open(model, within: key).approved(by: lead, reason: reason, at: now)
            try await db.lockForUpdate(ConcernModel.schema, id: model.concernID)
            // The approval shares the row's key id: a snapshot sealed before a key rotation is re-sealed with it.
            let sealed = try cipher.seal(approval, binding: "share-approval:\(shareID)", within: key)
            if model.keyID != sealed.keyID {
                let snapshot = try cipher.reseal(.init(keyID: model.keyID, box: model.sealedSnapshot), binding: "share:\(shareID)")
                model.keyID = snapshot.keyID
                model.sealedSnapshot = snapshot.box
            }
            model.sealedApproval = sealed.box
            model.status = ShareStatus.shared.rawValue
            model.decidedBy = approval.leadID
            model.decidedAt = now
            if model.recipientContactID != nil || model.recipientUserID != nil { model.expiresAt = now.addingTimeInterval(Share.linkLifetime) }
            try await model.save(on: db)
            let share = try open(model, within: key)
            var detail: [String: AuditDetail.Value] = [
                "concern": .string("concern:\(Self.id(share.concernID))"), "approved": .bool(true),
                "status": .string(ShareStatus.shared.rawValue), "lawful_basis": .string(approval.lawfulBasis.rawValue),
            ]
            if let files = Self.fileHashes(share) { detail["files"] = files }
            try await AuditLogStore.append(
                .at(now, actor: AuditName.user(approval.leadID), .shareCreated, target: "share:\(Self.id(shareID))", detail), on: db)
            // The lead's approval carries the obligations the escalation left open (rule 7).
            try await Self.openTasks(approval.opensTasks, for: share, workingDays: informWorkingDays, calendar: calendar, now: now, on: db)
            try await tellRecipient(of: share, now: now, on: db)
            if share.proposerID != approval.leadID {
                try await notices?.post(
                    Notice(.shareApproved, target: "share:\(Self.id(shareID))", path: "/shares/\(shareID)"), toUser: share.proposerID,
                    now: now, on: db)
            }
            return share
        }
    }

    /// A safeguarding lead refuses an escalated share, with a reason that is kept (sealed) with it.
    public func refuse(_ shareID: UUID, reason: String, by lead: UUID, now: Date) async throws -> Share {
        let reason = try Share.decisionReason(reason)
        return try await database.database.transaction { db in
            let model = try await Self.awaitingDecision(shareID, verb: "refused", on: db)
            let key = try await personKeys.key(for: model.personID, now: now, on: db)
            let sealed = try cipher.seal(reason, binding: "share-refusal:\(shareID)", within: key)
            model.status = ShareStatus.refused.rawValue
            model.decidedBy = lead
            model.decidedAt = now
            // The refusal shares the row's key id: a snapshot sealed before a key rotation is re-sealed with it.
            if model.keyID != sealed.keyID {
                let snapshot = try cipher.reseal(.init(keyID: model.keyID, box: model.sealedSnapshot), binding: "share:\(shareID)")
                model.keyID = snapshot.keyID
                model.sealedSnapshot = snapshot.box
            }
            model.sealedRefusal = sealed.box
            try await model.save(on: db)
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.user(lead), .triageDecision, target: "share:\(Self.id(shareID))",
                    ["status": .string(ShareStatus.refused.rawValue)]), on: db)
            if model.proposerID != lead {
                try await notices?.post(
                    Notice(.shareRefused, target: "share:\(Self.id(shareID))", path: "/shares/\(shareID)"), toUser: model.proposerID,
                    now: now, on: db)
            }
            return try open(model, within: key)
        }
    }

    /// The share's row, locked, when it still waits for a lead; a lead who decided it first is named in the error.
    ///
    /// A share is approved or refused once (`docs/sharing.md`, "A share, end to end"): two leads deciding it at
    /// the same moment must not both send it, or send it and refuse it, so the check and the change are one step.
    static func awaitingDecision(_ shareID: UUID, verb: String, on db: any Database) async throws -> ShareModel {
        try await db.lockForUpdate(ShareModel.schema, id: shareID)
        guard let model = try await ShareModel.find(shareID, on: db) else { throw RecordError.notFound }
        switch ShareStatus(rawValue: model.status) {
        case .awaitingApproval:
            return model
        case .shared? where model.decidedBy != nil:
            throw try await AlreadyDecided.make(.approved, by: model.decidedBy, at: model.decidedAt, on: db)
        case .refused?:
            throw try await AlreadyDecided.make(.refused, by: model.decidedBy, at: model.decidedAt, on: db)
        default:
            throw RecordError.notNow("Only a share waiting for a safeguarding lead can be \(verb).")
        }
    }

    /// Revokes a sent share: its link shows nothing from now on.
    public func revoke(_ shareID: UUID, by actor: UUID, now: Date) async throws {
        try await database.database.transaction { db in
            try await db.lockForUpdate(ShareModel.schema, id: shareID)
            guard let model = try await ShareModel.find(shareID, on: db), model.status == ShareStatus.shared.rawValue else {
                throw RecordError.notFound
            }
            guard model.revokedAt == nil else { return }
            model.revokedAt = now
            try await model.save(on: db)
            try await AuditLogStore.append(.at(now, actor: AuditName.user(actor), .shareRevoked, target: "share:\(Self.id(shareID))"), on: db)
        }
    }

    /// Who may see a share and its state, without opening its content (for access checks).
    public func facts(_ id: UUID) async throws -> Share.Facts? {
        guard let model = try await ShareModel.find(id, on: database.reader) else { return nil }
        return try Self.facts(model)
    }

    /// The files a share sent, from its frozen snapshot, without logging a read: the caller checks who is asking and
    /// logs the file it opens (`AttachmentStore.contents`).
    public func files(sentBy id: UUID) async throws -> [SharedFile] {
        guard let model = try await ShareModel.find(id, on: database.reader) else { return [] }
        return try await open([model])[0].snapshot.sections.flatMap(\.files)
    }

    static func facts(_ model: ShareModel) throws -> Share.Facts {
        Share.Facts(
            id: try model.requireID(), concernID: model.concernID, proposerID: model.proposerID,
            status: try ShareStatus.stored(model.status, in: "shares.status"), recipientUserID: model.recipientUserID,
            recipientContactID: model.recipientContactID, createdAt: model.createdAt, expiresAt: model.expiresAt,
            revokedAt: model.revokedAt)
    }

    /// A share opened by `reader`: the view is logged (`share_viewed` for its recipient, `case_read` for staff) before it is returned.
    public func share(_ id: UUID, readBy reader: UserAccount, asRecipient: Bool, now: Date) async throws -> Share? {
        guard let model = try await ShareModel.find(id, on: database.reader) else { return nil }
        try await AuditLogStore(database).append(
            .at(
                now, actor: AuditName.user(reader.id), asRecipient ? .shareViewed : .caseRead, target: "share:\(Self.id(id))",
                ["parts": .strings(["snapshot"])]))
        return try await open([model])[0]
    }

    /// The shares and decisions not to share of a concern, newest first (content opened; the caller logged the concern read).
    public func shares(ofConcern concernID: UUID) async throws -> [Share] {
        try await shares(ofConcerns: [concernID])
    }

    /// The shares of several concerns, newest first, in one statement (a person's chronology).
    public func shares(ofConcerns concernIDs: [UUID]) async throws -> [Share] {
        guard !concernIDs.isEmpty else { return [] }
        return try await open(
            try await ShareModel.query(on: database.reader).filter(\.$concernID ~~ concernIDs).sort(\.$createdAt, .descending).all())
    }

    /// Facts of the shares of a person's concerns, for "shared with" lists.
    public func shareFacts(ofPerson personID: UUID) async throws -> [Share.Facts] {
        try await ShareModel.query(on: database.reader).filter(\.$personID == personID).sort(\.$createdAt, .descending).all().map(Self.facts)
    }

    /// Shares waiting for a safeguarding lead, oldest first (facts only).
    public func approvalQueue() async throws -> [Share.Facts] {
        try await ShareModel.query(on: database.reader).filter(\.$status == ShareStatus.awaitingApproval.rawValue)
            .sort(\.$createdAt).all().map(Self.facts)
    }

    /// Shares waiting for a safeguarding lead, oldest first, opened: the caller logs the read of the queue page.
    public func awaitingApproval() async throws -> [Share] {
        try await open(
            try await ShareModel.query(on: database.reader).filter(\.$status == ShareStatus.awaitingApproval.rawValue).sort(\.$createdAt).all())
    }

    /// Shares and decisions not to share that `proposer` made, newest first (facts only).
    public func proposed(by proposer: UUID) async throws -> [Share.Facts] {
        try await ShareModel.query(on: database.reader).filter(\.$proposerID == proposer).sort(\.$createdAt, .descending).all()
            .map(Self.facts)
    }

    /// One page of the shares and decisions not to share that `proposer` made, newest first (facts only), from just
    /// after `after`, and where the next page starts (nil on the last).
    public func proposed(by proposer: UUID, after: ListCursor?, limit: Int) async throws -> (facts: [Share.Facts], next: ListCursor?) {
        try await newestFirst(ShareModel.query(on: database.reader).filter(\.$proposerID == proposer), after: after, limit: limit)
    }

    /// One page of the shares sent to a colleague or to any of `contacts` that are open at `now` (shared, neither
    /// revoked nor expired), newest first (facts only), and where the next page starts.
    public func openReceived(
        by userID: UUID, contacts: [UUID], now: Date, after: ListCursor?, limit: Int
    ) async throws -> (
        facts: [Share.Facts], next: ListCursor?
    ) {
        try await newestFirst(openReceivedQuery(by: userID, contacts: contacts, now: now), after: after, limit: limit)
    }

    /// How many shares sent to a colleague or to any of `contacts` are open at `now` (the count on their home page).
    ///
    /// One SQL statement (it runs on a recorder's and a partner's every home page): the same conditions as
    /// `openReceivedQuery`, without building a Fluent query.
    public func openReceivedCount(by userID: UUID, contacts: [UUID], now: Date) async throws -> Int {
        guard let sql = database.reader as? any SQLDatabase else { throw StoreError.notSQL }
        let toContacts: SQLQueryString = contacts.isEmpty ? "" : " OR recipient_contact_id IN (\(binds: contacts))"
        let row = try await sql.raw(
            """
            SELECT COUNT(*) AS open FROM shares WHERE status = \(bind: ShareStatus.shared.rawValue) AND revoked_at IS NULL
              AND (expires_at IS NULL OR expires_at > \(bind: now)) AND (recipient_user_id = \(bind: userID)\(toContacts))
            """
        ).first()
        return try row?.decode(column: "open", as: Int.self) ?? 0
    }

    func openReceivedQuery(by userID: UUID, contacts: [UUID], now: Date) -> QueryBuilder<ShareModel> {
        ShareModel.query(on: database.reader).filter(\.$status == ShareStatus.shared.rawValue).filter(\.$revokedAt == nil)
            .group(.or) { $0.filter(\.$expiresAt == nil).filter(\.$expiresAt > now) }
            .group(.or) { either in
                either.filter(\.$recipientUserID == userID)
                if !contacts.isEmpty { either.filter(\.$recipientContactID ~~ contacts) }
            }
    }

    /// Keyset paging of shares newest first: (created, id) before the cursor's, spelled out (row values are not in Fluent).
    func newestFirst(
        _ query: QueryBuilder<ShareModel>, after: ListCursor?, limit: Int
    ) async throws -> (
        facts: [Share.Facts], next: ListCursor?
    ) {
        var query = query
        if let after {
            query = query.group(.or) { or in
                or.filter(\.$createdAt < after.at)
                or.group(.and) { and in and.filter(\.$createdAt == after.at).filter(\.$id < after.id) }
            }
        }
        let models = try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let facts = try models.prefix(limit).map(Self.facts)
        guard models.count > limit, let last = models.prefix(limit).last else { return (facts, nil) }
        return (facts, ListCursor(at: last.createdAt, id: try last.requireID()))
    }

    /// Shares sent to a colleague or to any of `contacts`, newest first (facts only).
    public func received(by userID: UUID, contacts: [UUID]) async throws -> [Share.Facts] {
        try await ShareModel.query(on: database.reader).filter(\.$status == ShareStatus.shared.rawValue)
            .group(.or) { either in
                either.filter(\.$recipientUserID == userID)
                if !contacts.isEmpty { either.filter(\.$recipientContactID ~~ contacts) }
            }
            .sort(\.$createdAt, .descending).all().map(Self.facts)
    }

    /// How many open inform and involve tasks come from shares `proposer` proposed: the count on a staff member's
    /// home page, in one statement instead of opening every task. It starts from the proposer's shares (indexed; SQLite
    /// takes `CROSS JOIN` as that order), not from every open task: at a million concerns the other way round read
    /// 57,000 open tasks for each home page (1 s; 2 ms this way).
    public func openTaskCount(proposedBy proposer: UUID) async throws -> Int {
        guard let sql = database.reader as? any SQLDatabase else { throw StoreError.notSQL }
        let row = try await sql.raw(
            """
            SELECT COUNT(*) AS open FROM (
              SELECT st.id FROM shares s CROSS JOIN share_tasks st
                WHERE s.proposer_id = \(bind: proposer) AND st.share_id = s.id AND st.completed_at IS NULL
              UNION SELECT t.id FROM shares s CROSS JOIN share_task_shares ts CROSS JOIN share_tasks t
                WHERE s.proposer_id = \(bind: proposer) AND ts.share_id = s.id AND t.id = ts.task_id AND t.completed_at IS NULL) AS open_tasks
            """
        ).first()
        return try row?.decode(column: "open", as: Int.self) ?? 0
    }

    /// Shares a staff member sent at once in immediate danger, which the safeguarding lead must be told of (rule 6, `inform_dsl_after`).
    ///
    /// Read by the plain column beside the snapshot. Shares recorded before the column existed have it empty: they are
    /// opened here once and the column filled, because only the snapshot, sealed, says what they oblige.
    public func sharedInEmergency() async throws -> [Share] {
        let models = try await ShareModel.query(on: database.reader).filter(\.$status == ShareStatus.shared.rawValue)
            .group(.or) { $0.filter(\.$informsDSLAfter == true).filter(\.$informsDSLAfter == nil) }
            .sort(\.$createdAt, .descending).all()
        var shares: [Share] = []
        let keys = try await personKeys.keys(for: models.map(\.personID), on: database.reader)
        for model in models {
            let share = try open(model, within: keys[model.personID])
            let informs = share.snapshot.obligations.contains(.informDSLAfter)
            if model.informsDSLAfter == nil {
                model.informsDSLAfter = informs
                try await model.update(on: database.database)
            }
            if informs { shares.append(share) }
        }
        return shares
    }

    /// Each person's file key, within which their shares are sealed.
    var personKeys: PersonKeys { PersonKeys(cipher: cipher) }

    /// Opens these shares with their people's file keys, read in one statement.
    func open(_ models: [ShareModel]) async throws -> [Share] {
        let keys = try await personKeys.keys(for: models.map(\.personID), on: database.reader)
        return try models.map { try open($0, within: keys[$0.personID]) }
    }

    func open(_ model: ShareModel, within key: SymmetricKey?) throws -> Share {
        let id = try model.requireID()
        let snapshot = try cipher.open(
            ShareSnapshot.self, .init(keyID: model.keyID, box: model.sealedSnapshot), binding: "share:\(id)", within: key)
        let refusal = try model.sealedRefusal.map {
            try cipher.open(String.self, .init(keyID: model.keyID, box: $0), binding: "share-refusal:\(id)", within: key)
        }
        let approval = try model.sealedApproval.map {
            try cipher.open(ShareApproval.self, .init(keyID: model.keyID, box: $0), binding: "share-approval:\(id)", within: key)
        }
        return Share(
            id: id, concernID: model.concernID, personID: model.personID, proposerID: model.proposerID,
            status: try ShareStatus.stored(model.status, in: "shares.status"), recipientUserID: model.recipientUserID,
            recipientContactID: model.recipientContactID, snapshot: snapshot, createdAt: model.createdAt,
            decidedBy: model.decidedBy, decidedAt: model.decidedAt, refusalReason: refusal, approval: approval,
            expiresAt: model.expiresAt, revokedAt: model.revokedAt)
    }

    // MARK: Inform and involve

    /// Opens the tasks a sent share calls for, due in `workingDays` working days: one task of each kind per person per
    /// concern, so a share of a concern whose person is still to be told joins the open task instead of opening another.
    ///
    /// A task already done stays done: a later share opens a new one, because the person has not been told of it.
    /// The caller holds the concern's row lock, so two shares at once cannot both open one.
    static func openTasks(
        _ kinds: [InformTask.Kind], for share: Share, workingDays: Int, calendar: WorkingCalendar, now: Date, on db: any Database
    ) async throws {
        for kind in kinds {
            var open = try await ShareTaskModel.query(on: db).filter(\.$concernID == share.concernID).filter(\.$personID == share.personID)
                .filter(\.$kind == kind.rawValue).filter(\.$completedAt == nil).first()
            // Locked and read again: someone closing it at this moment must not close it without this share.
            if let candidate = open {
                let id = try candidate.requireID()
                try await db.lockForUpdate(ShareTaskModel.schema, id: id)
                if try await ShareTaskModel.find(id, on: db)?.completedAt != nil { open = nil }
            }
            let taskID: UUID
            if let open {
                taskID = try open.requireID()
            } else {
                let model = ShareTaskModel()
                taskID = UUID()
                model.id = taskID
                model.shareID = share.id
                model.concernID = share.concernID
                model.personID = share.personID
                model.kind = kind.rawValue
                model.dueAt = calendar.adding(workingDays: workingDays, to: now)
                try await model.create(on: db)
            }
            let link = ShareTaskShareModel()
            link.id = UUID()
            link.taskID = taskID
            link.shareID = share.id
            link.addedAt = now
            try await link.create(on: db)
        }
    }

    /// Tasks, open ones first by due date; only those of `personID` when given.
    public func tasks(ofPerson personID: UUID? = nil) async throws -> [InformTask] {
        var query = ShareTaskModel.query(on: database.reader)
        if let personID { query = query.filter(\.$personID == personID) }
        return try await opened(query.sort(\.$dueAt).all())
            .sorted { ($0.completedAt == nil ? 0 : 1, $0.dueAt) < ($1.completedAt == nil ? 0 : 1, $1.dueAt) }
    }

    /// Open tasks, soonest due first: everyone's, or only those covering a share `proposer` proposed.
    public func openTasks(coveringSharesOf proposer: UUID?) async throws -> [InformTask] {
        var query = ShareTaskModel.query(on: database.reader).filter(\.$completedAt == nil)
        if let proposer {
            let ids = try await taskIDs(coveringSharesOf: proposer)
            guard !ids.isEmpty else { return [] }
            query = query.filter(\.$id ~~ ids)
        }
        return try await opened(query.sort(\.$dueAt).sort(\.$id).all())
    }

    /// One page of done tasks, most recently completed first, from just after `after` (from the newest when nil), and
    /// where the next page starts (nil on the last page): everyone's, or only those covering a share `proposer`
    /// proposed. Done tasks only ever grow, so they are paged; open ones are few and all shown.
    public func doneTasks(
        coveringSharesOf proposer: UUID?, after: ListCursor?, limit: Int
    ) async throws -> (
        tasks: [InformTask], next: ListCursor?
    ) {
        var query = ShareTaskModel.query(on: database.reader).filter(\.$completedAt != nil)
        if let proposer {
            let ids = try await taskIDs(coveringSharesOf: proposer)
            guard !ids.isEmpty else { return ([], nil) }
            query = query.filter(\.$id ~~ ids)
        }
        if let after {
            // (completed, id) before the cursor's, spelled out: row values are not in Fluent.
            query = query.group(.or) { or in
                or.filter(\.$completedAt < after.at)
                or.group(.and) { and in and.filter(\.$completedAt == after.at).filter(\.$id < after.id) }
            }
        }
        let models = try await query.sort(\.$completedAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let tasks = try await opened(Array(models.prefix(limit)))
        guard models.count > limit, let last = models.prefix(limit).last, let completed = last.completedAt else { return (tasks, nil) }
        return (tasks, ListCursor(at: completed, id: try last.requireID()))
    }

    /// The tasks covering any share `proposer` proposed (the one that made the task, or one added to it later).
    func taskIDs(coveringSharesOf proposer: UUID) async throws -> [UUID] {
        guard let sql = database.reader as? any SQLDatabase else { throw StoreError.notSQL }
        return try await sql.raw(
            """
            SELECT t.id AS id FROM share_tasks t JOIN shares s ON s.id = t.share_id WHERE s.proposer_id = \(bind: proposer)
            UNION SELECT ts.task_id AS id FROM share_task_shares ts JOIN shares s ON s.id = ts.share_id WHERE s.proposer_id = \(bind: proposer)
            """
        ).all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// The tasks that cover one share.
    public func tasks(ofShare shareID: UUID) async throws -> [InformTask] {
        try await tasks(ofShares: [shareID])
    }

    /// The tasks opened by any of `shareIDs`, each once, in kind order.
    public func tasks(ofShares shareIDs: [UUID]) async throws -> [InformTask] {
        guard !shareIDs.isEmpty else { return [] }
        let taskIDs = try await ShareTaskShareModel.query(on: database.reader).filter(\.$shareID ~~ shareIDs).all().map(\.taskID)
        guard !taskIDs.isEmpty else { return [] }
        return try await opened(ShareTaskModel.query(on: database.reader).filter(\.$id ~~ Array(Set(taskIDs))).sort(\.$kind).all())
    }

    /// One task, or nil.
    public func task(_ id: UUID) async throws -> InformTask? {
        guard let model = try await ShareTaskModel.find(id, on: database.reader) else { return nil }
        return try await opened([model]).first
    }

    /// Tasks opened, each with the shares it covers (one query for all of them).
    func opened(_ models: [ShareTaskModel]) async throws -> [InformTask] {
        let ids = try models.map { try $0.requireID() }
        guard !ids.isEmpty else { return [] }
        var shares: [UUID: [UUID]] = [:]
        for link in try await ShareTaskShareModel.query(on: database.reader).filter(\.$taskID ~~ ids).sort(\.$addedAt).all() {
            shares[link.taskID, default: []].append(link.shareID)
        }
        let keys = try await personKeys.keys(forConcerns: models.compactMap(\.concernID), on: database.reader)
        return try models.map { try openTask($0, shares: shares[try $0.requireID()] ?? [], within: $0.concernID.flatMap { keys[$0] }) }
    }

    /// Closes a task with who, when, how and what the person said (or why they were not told); logs `task_completed`.
    ///
    /// Withholding is reviewed (rule 7): closing a *reason not informed* task with a review date opens
    /// the same task again, due on that date, so it comes back to the safeguarding lead then.
    public func complete(
        _ taskID: UUID, method: InformTask.Method, note: String, reviewAt: Date? = nil, by actor: UUID, now: Date
    ) async throws -> InformTask {
        return try await database.database.transaction { db in
            // Closed once: a second person closing it at the same moment is told who did it first (the row is locked).
            try await db.lockForUpdate(ShareTaskModel.schema, id: taskID)
            guard let model = try await ShareTaskModel.find(taskID, on: db) else { throw RecordError.notFound }
            guard let concernID = model.concernID, let concern = try await ConcernModel.find(concernID, on: db) else {
                throw StoreError.unreadableRow("share_tasks.concern_id names no concern for task \(taskID)")
            }
            let key = try await personKeys.key(for: concern.personID, now: now, on: db)
            let sealed = try cipher.seal(note, binding: "share-task:\(taskID)", within: key)
            guard model.completedAt == nil else {
                throw try await AlreadyDecided.make(.completed, by: model.completedBy, at: model.completedAt, on: db)
            }
            model.completedBy = actor
            model.completedAt = now
            model.method = method.rawValue
            model.keyID = sealed.keyID
            model.sealedNote = sealed.box
            try await model.save(on: db)
            if model.kind == InformTask.Kind.reasonNotInformed.rawValue, let reviewAt {
                let review = ShareTaskModel()
                let reviewID = UUID()
                review.id = reviewID
                review.shareID = model.shareID
                review.concernID = model.concernID
                review.personID = model.personID
                review.kind = model.kind
                review.dueAt = reviewAt
                try await review.create(on: db)
                for covered in try await ShareTaskShareModel.query(on: db).filter(\.$taskID == taskID).all() {
                    let link = ShareTaskShareModel()
                    link.id = UUID()
                    link.taskID = reviewID
                    link.shareID = covered.shareID
                    link.addedAt = now
                    try await link.create(on: db)
                }
            }
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.user(actor), .taskCompleted, target: "task:\(Self.id(taskID))",
                    ["share": .string("share:\(Self.id(model.shareID))"), "kind": .string(model.kind), "method": .string(method.rawValue)]),
                on: db)
            let covered = try await ShareTaskShareModel.query(on: db).filter(\.$taskID == taskID).sort(\.$addedAt).all().map(\.shareID)
            return try openTask(model, shares: covered, within: key)
        }
    }

    func openTask(_ model: ShareTaskModel, shares: [UUID], within key: SymmetricKey?) throws -> InformTask {
        let id = try model.requireID()
        guard let concernID = model.concernID else { throw StoreError.unreadableRow("share_tasks.concern_id is empty for task \(id)") }
        let note = try model.sealedNote.map { box in
            try cipher.open(String.self, .init(keyID: model.keyID ?? "", box: box), binding: "share-task:\(id)", within: key)
        }
        return InformTask(
            id: id, shareID: model.shareID, shareIDs: shares.isEmpty ? [model.shareID] : shares, concernID: concernID,
            personID: model.personID, kind: try InformTask.Kind.stored(model.kind, in: "share_tasks.kind"),
            dueAt: model.dueAt, completedBy: model.completedBy, completedAt: model.completedAt,
            method: model.method.flatMap(InformTask.Method.init), note: note)
    }

    static func id(_ id: UUID) -> String { id.uuidString.lowercased() }
}
