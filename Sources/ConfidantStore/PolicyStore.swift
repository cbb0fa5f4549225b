import ConfidantCore
import FluentKit
import FluentSQL
import Foundation

/// The organisation's policy: versions and their lifecycle, consultation comments, and induction acknowledgments.
///
/// Every change checks `PolicyGovernance` inside its transaction (so two people acting at once
/// cannot both pass a check that only one should) and writes its audit event in the same transaction.
public struct PolicyStore: Sendable {
    let database: ConfidantDatabase

    /// Where invitations and reminders wait for delivery; commands that send no mail leave it out.
    let outbox: MailOutbox?

    public init(_ database: ConfidantDatabase, outbox: MailOutbox? = nil) {
        self.database = database
        self.outbox = outbox
    }

    /// Writes an email in the caller's transaction; a store made without an outbox cannot send one.
    func mail(_ email: OutboxEmail, now: Date, on db: any Database) async throws {
        guard let outbox else { throw StoreError.noOutbox }
        try await outbox.queue(email, now: now, on: db)
    }

    // MARK: Reading

    /// Every version, newest first.
    public func versions() async throws -> [PolicyVersion] {
        try await PolicyVersionModel.query(on: database.reader).sort(\.$number, .descending).all().map(Self.version)
    }

    /// The version with this id, if any.
    public func version(_ id: UUID) async throws -> PolicyVersion? {
        try await PolicyVersionModel.find(id, on: database.reader).map(Self.version)
    }

    /// The published version, if one has been published.
    public func current() async throws -> PolicyVersion? {
        try await Self.published(on: database.reader).first().map(Self.version)
    }

    /// The id of the published version, nil until one is: what the public pages' cache is checked against on every
    /// instance, so that a publication anywhere reaches every instance's public pages.
    public func publishedVersionID() async throws -> UUID? {
        try await Self.published(on: database.reader).field(\.$id).first()?.requireID()
    }

    /// The clauses the system explains: the current version's, or the built-in wording until one is published.
    ///
    /// Public pages call this on every view, so it reads the clauses alone, never the whole text.
    public func currentPolicy() async throws -> ConfidentialityPolicy {
        guard
            let model = try await Self.published(on: database.reader)
                .field(\.$id).field(\.$name).field(\.$label).field(\.$clausesJSON).first()
        else { return .mct }
        return try Self.policy(model)
    }

    /// Every version without its text (or only those with `status`), newest first: for lists and notices that do not
    /// show the text.
    public func summaries(status: PolicyVersionStatus? = nil) async throws -> [PolicyVersionSummary] {
        // One SQL statement, read by column: every signed-in home page asks for the consultations.
        guard let sql = database.reader as? any SQLDatabase else { throw StoreError.notSQL }
        let only: SQLQueryString = status.map { " WHERE status = \(bind: $0.rawValue)" } ?? ""
        return try await sql.raw(
            "SELECT id, number, label, status, based_on, publication_requested_by FROM policy_versions\(only) ORDER BY number DESC"
        ).all().map { row in
            PolicyVersionSummary(
                id: try row.decode(column: "id", as: UUID.self), number: try row.decode(column: "number", as: Int.self),
                label: try row.decode(column: "label", as: String.self),
                status: try PolicyVersionStatus.stored(try row.decode(column: "status", as: String.self), in: "policy_versions.status"),
                basedOn: try row.decode(column: "based_on", as: UUID?.self),
                publicationRequestedBy: try row.decode(column: "publication_requested_by", as: UUID?.self))
        }
    }

    /// Whether a consultation names this person (partner contacts take part only when named).
    public func isNamedConsultee(_ userID: UUID, of versionID: UUID) async throws -> Bool {
        try await Self.isNamed(userID, in: versionID, on: database.reader)
    }

    /// Whether this person may read the version (asking whether a consultation names them only when it matters).
    public func isReadable(_ versionID: UUID, status: PolicyVersionStatus, by user: UserAccount) async throws -> Bool {
        let named = status == .consultation && user.role == .partner ? try await isNamedConsultee(user.id, of: versionID) : false
        return status.isReadable(by: user.role, isNamedConsultee: named)
    }

    /// The partner contacts a consultation names.
    public func consultees(of versionID: UUID) async throws -> [UserAccount] {
        let ids = try await PolicyConsulteeModel.query(on: database.reader).filter(\.$versionID == versionID).all().map(\.userID)
        guard !ids.isEmpty else { return [] }
        return try await UserModel.query(on: database.reader).filter(\.$id ~~ ids).sort(\.$name).all().map { try $0.account }
    }

    /// The comments on a version this person may see: all of them for a policy owner, their own for anyone else.
    public func comments(on versionID: UUID, visibleTo actor: PolicyActor) async throws -> [ConsultationComment] {
        var query = PolicyCommentModel.query(on: database.reader).filter(\.$versionID == versionID)
        if !PolicyGovernance.isOwner(actor.role) { query = query.filter(\.$authorID == actor.id) }
        let models = try await query.sort(\.$createdAt).all()
        let authorIDs = Array(Set(models.map(\.authorID)))
        let authors =
            authorIDs.isEmpty
            ? [:]
            : Dictionary(
                uniqueKeysWithValues: try await UserModel.query(on: database.reader).filter(\.$id ~~ authorIDs).all()
                    .map { (try $0.requireID(), try $0.account) })
        return try models.map { try Self.comment($0, author: authors[$0.authorID]) }
    }

    /// How many comments on a version are not resolved yet (publication waits for none).
    public func openCommentCount(on versionID: UUID) async throws -> Int {
        try await PolicyCommentModel.query(on: database.reader).filter(\.$versionID == versionID).filter(\.$resolvedAt == nil).count()
    }

    // MARK: Making and changing versions

    /// Imports the organisation's text as a new draft.
    ///
    /// The clause data is `clauses` when given, otherwise the current version's (or the built-in
    /// wording before anything is published), so a re-worded text keeps the rules it had.
    /// `actor` is nil on the command line, where whoever runs Confidant is trusted as with `user add`.
    public func importDraft(
        text: String, clauses: ConfidentialityPolicy? = nil, label: String? = nil, by actor: PolicyActor?, now: Date
    ) async throws -> PolicyVersion {
        let parsed = try Self.parse(text)
        let chosenLabel = try Self.validatedLabel(label ?? "Imported \(Self.day(now))")
        return try await Self.retryingOnce {
            try await database.database.transaction { db in
                if let actor { try Self.check(.startNewDraft, by: actor, on: PolicyVersionState(status: .draft)) }
                let current = try await Self.published(on: db).first()
                let base = try clauses ?? current.map(Self.policy) ?? .mct
                let wording = try base.clauses.map(Self.validated)
                let model = try await Self.newDraft(
                    name: base.name, label: chosenLabel, text: parsed.source, clauses: wording,
                    basedOn: current?.id, by: actor?.id, now: now, on: db)
                try await Self.log(.policyChanged, model, by: actor?.id, step: "drafted", now: now, on: db)
                return try Self.version(model)
            }
        }
    }

    /// Starts a new draft from any version (its text and clauses copied).
    public func startDraft(from id: UUID, by actor: PolicyActor, now: Date) async throws -> PolicyVersion {
        try await Self.retryingOnce {
            try await database.database.transaction { db in
                let source = try await Self.model(id, on: db)
                try await Self.check(.startNewDraft, by: actor, on: source, db: db)
                let policy = try Self.version(source).policy
                let model = try await Self.newDraft(
                    name: source.name, label: "Draft from version \(source.number)", text: source.sourceText,
                    clauses: policy.clauses, basedOn: source.id, by: actor.id, now: now, on: db)
                try await Self.log(
                    .policyChanged, model, by: actor.id, step: "drafted", ["from_version": .int(Int64(source.number))], now: now, on: db)
                return try Self.version(model)
            }
        }
    }

    /// Replaces a draft's (or consultation's) label and text.
    public func edit(_ id: UUID, label: String, text: String, by actor: PolicyActor, now: Date) async throws -> PolicyVersion {
        let parsed = try Self.parse(text)
        let chosenLabel = try Self.validatedLabel(label)
        return try await database.database.transaction { db in
            let model = try await Self.model(id, on: db)
            try await Self.check(.edit, by: actor, on: model, db: db)
            model.label = chosenLabel
            model.sourceText = parsed.source
            model.updatedAt = now
            try await model.save(on: db)
            try await Self.log(.policyChanged, model, by: actor.id, step: "edited", now: now, on: db)
            return try Self.version(model)
        }
    }

    /// Rewords one clause of a draft (its id, and so the ids decisions cite, stays the same).
    public func editClause(
        _ id: UUID, rule: PolicyRule, title: String, statement: String, section: String, by actor: PolicyActor, now: Date
    ) async throws -> PolicyVersion {
        return try await database.database.transaction { db in
            let model = try await Self.model(id, on: db)
            try await Self.check(.edit, by: actor, on: model, db: db)
            let policy = try Self.version(model).policy
            var changed = policy.clause(for: rule)
            changed.title = title
            changed.statement = statement
            changed.section = section
            let reworded = try Self.validated(changed)
            let clauses = policy.clauses.map { $0.rule == rule ? reworded : $0 }
            model.clausesJSON = try Self.encode(clauses)
            model.updatedAt = now
            try await model.save(on: db)
            try await Self.log(.policyChanged, model, by: actor.id, step: "clause_edited", ["rule": .string(rule.rawValue)], now: now, on: db)
            return try Self.version(model)
        }
    }

    /// Opens a draft to staff and the named partner contacts for comment.
    ///
    /// With `link` (the version's address), each named partner contact is invited by email through the
    /// outbox: they work outside the organisation and would not otherwise know a draft waits for them.
    public func openConsultation(
        _ id: UUID, partners: [UUID], link: String? = nil, by actor: PolicyActor, now: Date
    ) async throws -> PolicyVersion {
        try await database.database.transaction { db in
            let model = try await Self.model(id, on: db)
            try await Self.check(.openConsultation, by: actor, on: model, db: db)
            let named = Set(partners)
            let contacts = named.isEmpty ? [] : try await UserModel.query(on: db).filter(\.$id ~~ Array(named)).all()
            guard contacts.count == named.count, contacts.allSatisfy({ $0.role == UserRole.partner.rawValue && !$0.disabled }) else {
                throw PolicyStoreError.notPartnerContacts
            }
            for contact in contacts {
                let consultee = PolicyConsulteeModel()
                consultee.id = UUID()
                consultee.versionID = id
                consultee.userID = try contact.requireID()
                try await consultee.create(on: db)
                if let link {
                    try await mail(
                        OutboxEmail(
                            recipient: contact.email, subject: "Please comment on our draft confidentiality policy",
                            body: "Hello \(contact.name),\n\nWe are consulting on a new version of the \(model.name) "
                                + "and would value your agency's comments, section by section. Sign in to Confidant to read it "
                                + "and comment: \(link)\n"), now: now, on: db)
                }
            }
            model.status = PolicyVersionStatus.consultation.rawValue
            model.consultationOpenedAt = now
            model.updatedAt = now
            try await model.save(on: db)
            try await Self.log(
                .policyChanged, model, by: actor.id, step: "consultation_opened",
                ["partners_named": .int(Int64(contacts.count))], now: now, on: db)
            return try Self.version(model)
        }
    }

    /// Adds a consultation comment on one section.
    public func comment(on id: UUID, sectionID: String, body: String, by actor: PolicyActor, now: Date) async throws -> ConsultationComment {
        let text: String
        do { text = try PolicyComment.validated(body) } catch { throw PolicyStoreError.invalidInput(error) }
        return try await database.database.transaction { db in
            let model = try await Self.model(id, on: db)
            let named = try await Self.isNamed(actor.id, in: id, on: db)
            try await Self.check(.comment(isNamedConsultee: named), by: actor, on: model, db: db)
            guard let section = try Self.version(model).text.sections.first(where: { $0.id == sectionID }) else {
                throw PolicyStoreError.unknownSection
            }
            let comment = PolicyCommentModel()
            comment.id = UUID()
            comment.versionID = id
            comment.sectionID = section.id
            comment.sectionHeading = section.heading
            comment.authorID = actor.id
            comment.body = text
            comment.createdAt = now
            try await comment.create(on: db)
            try await Self.log(.policyChanged, model, by: actor.id, step: "commented", ["section": .string(section.id)], now: now, on: db)
            return try Self.comment(comment, author: try await UserModel.find(actor.id, on: db)?.account)
        }
    }

    /// Answers a comment and/or marks it resolved; an empty answer keeps any earlier one.
    /// Returns the version the comment is on.
    @discardableResult
    public func answer(comment commentID: UUID, answer: String, resolve: Bool, by actor: PolicyActor, now: Date) async throws -> UUID {
        let trimmed = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        let text: String?
        do throws(PolicyInputError) {
            text = trimmed.isEmpty ? nil : try PolicyComment.validated(trimmed)
        } catch {
            throw PolicyStoreError.invalidInput(error)
        }
        guard text != nil || resolve else { throw PolicyStoreError.emptyAnswer }
        return try await database.database.transaction { db in
            guard let comment = try await PolicyCommentModel.find(commentID, on: db) else { throw PolicyStoreError.notFound }
            let model = try await Self.model(comment.versionID, on: db)
            try await Self.check(.answerComment, by: actor, on: model, db: db)
            if let text {
                comment.answer = text
                comment.answeredBy = actor.id
                comment.answeredAt = now
            }
            if resolve, comment.resolvedAt == nil { comment.resolvedAt = now }
            try await comment.save(on: db)
            try await Self.log(
                .policyChanged, model, by: actor.id, step: resolve ? "comment_resolved" : "comment_answered",
                ["comment": .string(commentID.uuidString.lowercased())], now: now, on: db)
            return comment.versionID
        }
    }

    /// Asks a manager to publish a version whose consultation is finished.
    public func requestPublication(_ id: UUID, by actor: PolicyActor, now: Date) async throws -> PolicyVersion {
        try await database.database.transaction { db in
            let model = try await Self.model(id, on: db)
            try await Self.check(.requestPublication, by: actor, on: model, db: db)
            try Self.requireBasedOn(try await Self.published(on: db).field(\.$id).field(\.$number).first(), model)
            model.publicationRequestedBy = actor.id
            model.publicationRequestedAt = now
            model.publicationRefusal = nil
            model.updatedAt = now
            try await model.save(on: db)
            try await Self.log(.policyChanged, model, by: actor.id, step: "publication_requested", now: now, on: db)
            return try Self.version(model)
        }
    }

    /// Takes back a request to publish, so the text can change again.
    public func withdrawPublicationRequest(_ id: UUID, by actor: PolicyActor, now: Date) async throws -> PolicyVersion {
        try await database.database.transaction { db in
            let model = try await Self.model(id, on: db)
            try await Self.check(.withdrawPublicationRequest, by: actor, on: model, db: db)
            model.publicationRequestedBy = nil
            model.publicationRequestedAt = nil
            model.updatedAt = now
            try await model.save(on: db)
            try await Self.log(.policyChanged, model, by: actor.id, step: "publication_withdrawn", now: now, on: db)
            return try Self.version(model)
        }
    }

    /// A manager declines to publish, saying why; the version stays in consultation for the owner to change.
    public func refusePublication(_ id: UUID, reason: String, by actor: PolicyActor, now: Date) async throws -> PolicyVersion {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw PolicyStoreError.emptyReason }
        let why: String
        do { why = try PolicyComment.validated(reason) } catch { throw PolicyStoreError.invalidInput(error) }
        return try await database.database.transaction { db in
            let model = try await Self.model(id, on: db)
            try await Self.check(.refusePublication, by: actor, on: model, db: db)
            model.publicationRequestedBy = nil
            model.publicationRequestedAt = nil
            model.publicationRefusal = why
            model.updatedAt = now
            try await model.save(on: db)
            try await Self.log(.policyChanged, model, by: actor.id, step: "publication_refused", now: now, on: db)
            return try Self.version(model)
        }
    }

    /// A second person, a manager, approves: the version becomes current and the previous one is superseded.
    ///
    /// When its clauses differ from the previous version's, everyone must acknowledge it again;
    /// when only the text changed, earlier acknowledgments still count.
    public func approvePublication(_ id: UUID, by actor: PolicyActor, now: Date) async throws -> PolicyVersion {
        do {
            return try await publish(id, by: actor, now: now)
        } catch let error as PolicyStoreError {
            throw error
        } catch {
            // Two managers approving two versions at the same moment: the database's one-current-version
            // index lets one through; the other is told, not shown a fault.
            if let current = try? await current(), current.id != id { throw PolicyStoreError.publishedMeanwhile }
            throw error
        }
    }

    private func publish(_ id: UUID, by actor: PolicyActor, now: Date) async throws -> PolicyVersion {
        try await database.database.transaction { db in
            let model = try await Self.model(id, on: db)
            try await Self.check(.approvePublication, by: actor, on: model, db: db)
            let previous = try await Self.published(on: db).first()
            try Self.requireBasedOn(previous, model)
            var clausesChanged = true
            if let previous {
                clausesChanged = !PolicyComparison.clauses(from: try Self.policy(previous), to: try Self.policy(model)).isEmpty
                previous.status = PolicyVersionStatus.superseded.rawValue
                previous.supersededAt = now
                previous.updatedAt = now
                try await previous.save(on: db)
            }
            model.status = PolicyVersionStatus.published.rawValue
            model.approvedBy = actor.id
            model.publishedAt = now
            model.updatedAt = now
            model.acknowledgementBaseline = clausesChanged ? model.number : (previous?.acknowledgementBaseline ?? previous?.number ?? model.number)
            try await model.save(on: db)
            var detail: [String: AuditDetail.Value] = ["clauses_changed": .bool(clausesChanged)]
            if let requester = model.publicationRequestedBy { detail["requested_by"] = .string(AuditName.user(requester)) }
            if let previous { detail["supersedes_version"] = .int(Int64(previous.number)) }
            try await Self.log(.policyPublished, model, by: actor.id, step: nil, detail, now: now, on: db)
            return try Self.version(model)
        }
    }

    // MARK: Induction

    /// Whether this person must read and acknowledge the current version before anything else.
    ///
    public func mustAcknowledge(_ userID: UUID) async throws -> Bool {
        // One statement through SQLKit: it runs before every signed-in request, and two Fluent
        // queries cost several times as much (docs/benchmarks.md). Fluent cannot express the subquery.
        guard let sql = database.reader as? any SQLDatabase else { throw StoreError.notSQL }
        let row = try await sql.raw(
            """
            SELECT (SELECT COUNT(*) FROM policy_acknowledgements a
                    WHERE a.user_id = \(bind: userID) AND a.version_number >= COALESCE(v.acknowledgement_baseline, v.number)) AS acknowledged
            FROM policy_versions v WHERE v.status = 'published'
            """
        ).first()
        guard let row else { return false }
        return try row.decode(column: "acknowledged", as: Int.self) == 0
    }

    /// Where this person stands with the current version.
    public func inductionStatus(of userID: UUID) async throws -> InductionStatus {
        let current = try await current()
        let acknowledgements = try await PolicyAcknowledgementModel.query(on: database.reader)
            .filter(\.$userID == userID).sort(\.$versionNumber, .descending).all()
        let baseline = current.map { $0.acknowledgementBaseline ?? $0.number }
        let acknowledged = baseline.map { base in acknowledgements.contains { $0.versionNumber >= base } } ?? false
        var last: PolicyVersion?
        if let latest = acknowledgements.first { last = try await version(latest.versionID) }
        return InductionStatus(
            current: current, acknowledgedCurrent: acknowledged, lastAcknowledged: last,
            understandingPassed: acknowledgements.contains(where: \.understandingPassed))
    }

    /// Records that this person read and acknowledged the current version.
    ///
    /// A new starter must have passed the check of understanding; someone who passed it before
    /// acknowledges a changed version by reading what changed.
    public func acknowledge(_ versionID: UUID, by userID: UUID, understandingPassed: Bool, now: Date) async throws {
        do {
            try await record(acknowledgementOf: versionID, by: userID, understandingPassed: understandingPassed, now: now)
        } catch let error as PolicyStoreError {
            throw error
        } catch {
            // Two clicks at once: the unique (user, version) index keeps one; the other is not an error.
            let recorded =
                try await PolicyAcknowledgementModel.query(on: database.database)
                .filter(\.$userID == userID).filter(\.$versionID == versionID).count() > 0
            if !recorded { throw error }
        }
    }

    private func record(acknowledgementOf versionID: UUID, by userID: UUID, understandingPassed: Bool, now: Date) async throws {
        try await database.database.transaction { db in
            guard let model = try await PolicyVersionModel.find(versionID, on: db) else { throw PolicyStoreError.notFound }
            guard model.status == PolicyVersionStatus.published.rawValue else { throw PolicyStoreError.notCurrent }
            let earlier = try await PolicyAcknowledgementModel.query(on: db).filter(\.$userID == userID).all()
            guard understandingPassed || earlier.contains(where: \.understandingPassed) else { throw PolicyStoreError.understandingRequired }
            if earlier.contains(where: { $0.versionID == versionID }) { return }
            let acknowledgement = PolicyAcknowledgementModel()
            acknowledgement.id = UUID()
            acknowledgement.userID = userID
            acknowledgement.versionID = versionID
            acknowledgement.versionNumber = model.number
            acknowledgement.acknowledgedAt = now
            acknowledgement.understandingPassed = understandingPassed
            try await acknowledgement.create(on: db)
            try await Self.log(
                .policyAcknowledged, model, by: userID, step: nil,
                ["understanding_checked": .bool(understandingPassed)], now: now, on: db)
        }
    }

    /// Who has and has not acknowledged the current version: every active account, outstanding first.
    public func acknowledgementReport() async throws -> [AcknowledgementLine] {
        let current = try await Self.published(on: database.reader).field(\.$id).field(\.$number).field(\.$acknowledgementBaseline).first()
        let baseline = current.map { $0.acknowledgementBaseline ?? $0.number }
        let users = try await UserModel.query(on: database.reader).filter(\.$disabled == false).sort(\.$name).all().map { try $0.account }
        let acknowledgements = Dictionary(grouping: try await PolicyAcknowledgementModel.query(on: database.reader).all(), by: \.userID)
        let reminders = Dictionary(
            grouping: try await current.asyncMap { version in
                try await PolicyReminderModel.query(on: database.reader).filter(\.$versionID == (try version.requireID())).all()
            } ?? [], by: \.userID)
        let lines = users.map { user in
            let mine = acknowledgements[user.id] ?? []
            // The latest acknowledgement that counts for the current version, with the version it was of: a date is never
            // shown against a version that did not exist yet.
            let counting = baseline.flatMap { base in mine.filter { $0.versionNumber >= base }.max { $0.acknowledgedAt < $1.acknowledgedAt } }
            let sent = reminders[user.id] ?? []
            return AcknowledgementLine(
                user: user, acknowledgedAt: counting?.acknowledgedAt, acknowledgedVersionNumber: counting?.versionNumber,
                lastVersionNumber: mine.map(\.versionNumber).max(),
                understandingPassed: mine.contains(where: \.understandingPassed),
                reminders: sent.count, lastRemindedAt: sent.map(\.sentAt).max())
        }
        return lines.filter { !$0.hasAcknowledged } + lines.filter(\.hasAcknowledged)
    }

    /// How often one person can be reminded: once a day is a reminder, more is nagging.
    public static let reminderInterval: TimeInterval = 24 * 3600

    /// Emails a reminder to each of these people who has not acknowledged the current version
    /// and was not reminded in the last day; returns the emails written to the outbox.
    public func remind(_ userIDs: [UUID], link: String, by actor: UUID, now: Date) async throws -> [OutboxEmail] {
        try await database.database.transaction { db in
            guard let current = try await Self.published(on: db).first(),
                let versionID = current.id
            else { throw PolicyStoreError.nothingPublished }
            let baseline = current.acknowledgementBaseline ?? current.number
            var emails: [OutboxEmail] = []
            for userID in Set(userIDs) {
                guard let user = try await UserModel.find(userID, on: db), !user.disabled else { continue }
                let acknowledged =
                    try await PolicyAcknowledgementModel.query(on: db).filter(\.$userID == userID)
                    .filter(\.$versionNumber >= baseline).count() > 0
                let recent =
                    try await PolicyReminderModel.query(on: db).filter(\.$userID == userID).filter(\.$versionID == versionID)
                    .filter(\.$sentAt > now.addingTimeInterval(-Self.reminderInterval)).count() > 0
                guard !acknowledged, !recent else { continue }
                let email = OutboxEmail(
                    recipient: user.email, subject: "Please read and acknowledge the confidentiality policy",
                    body: "Hello \(user.name),\n\nVersion \(current.number) of the \(current.name) is now in force. "
                        + "Please sign in to Confidant, read it and acknowledge it: \(link)\n\n"
                        + "Until you do, Confidant shows you the policy first whenever you sign in.")
                try await mail(email, now: now, on: db)
                let reminder = PolicyReminderModel()
                reminder.id = UUID()
                reminder.userID = userID
                reminder.versionID = versionID
                reminder.sentBy = actor
                reminder.sentAt = now
                try await reminder.create(on: db)
                try await AuditLogStore.append(
                    .at(
                        now, actor: AuditName.user(actor), .policyReminderSent, target: AuditName.account(userID),
                        ["version": .int(Int64(current.number))]), on: db)
                emails.append(email)
            }
            return emails
        }
    }

    // MARK: Helpers

    /// A version is published over the current one only if it was started from it: publishing a draft begun
    /// before a newer version came into force would silently undo that version's changes.
    static func requireBasedOn(_ current: PolicyVersionModel?, _ model: PolicyVersionModel) throws(PolicyStoreError) {
        guard let current else { return }
        guard model.basedOn == current.id else { throw .notBasedOnCurrent(currentNumber: current.number) }
    }

    static func parse(_ text: String) throws(PolicyStoreError) -> PolicyText {
        do { return try PolicyText(parsing: text) } catch { throw .invalidText(error) }
    }

    static func validated(_ clause: PolicyClause) throws(PolicyStoreError) -> PolicyClause {
        do { return try ClauseWording.validated(clause) } catch { throw .invalidInput(error) }
    }

    static func validatedLabel(_ label: String) throws(PolicyStoreError) -> String {
        do { return try PolicyVersionLabel.validated(label) } catch { throw .invalidInput(error) }
    }

    static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
    }

    /// The version's row, locked until the transaction ends on PostgreSQL (SQLite has one writer at a time
    /// already), so that a check and the write it allows cannot interleave with another person's.
    /// The query for the version in force (at most one row: a unique index sees to it).
    static func published(on db: any Database) -> QueryBuilder<PolicyVersionModel> {
        PolicyVersionModel.query(on: db).filter(\.$status == PolicyVersionStatus.published.rawValue)
    }

    /// Whether a consultation names this person, in the caller's transaction.
    static func isNamed(_ userID: UUID, in versionID: UUID, on db: any Database) async throws -> Bool {
        try await PolicyConsulteeModel.query(on: db).filter(\.$versionID == versionID).filter(\.$userID == userID).count() > 0
    }

    static func model(_ id: UUID, on db: any Database) async throws -> PolicyVersionModel {
        try await db.lockForUpdate(PolicyVersionModel.schema, id: id)
        guard let model = try await PolicyVersionModel.find(id, on: db) else { throw PolicyStoreError.notFound }
        return model
    }

    static func check(_ action: PolicyVersionAction, by actor: PolicyActor, on state: PolicyVersionState) throws(PolicyStoreError) {
        do { _ = try PolicyGovernance.check(action, by: actor, on: state) } catch { throw .refused(error) }
    }

    static func check(_ action: PolicyVersionAction, by actor: PolicyActor, on model: PolicyVersionModel, db: any Database) async throws {
        let open = try await PolicyCommentModel.query(on: db).filter(\.$versionID == (try model.requireID())).filter(\.$resolvedAt == nil).count()
        try check(action, by: actor, on: try version(model).state(openComments: open))
    }

    /// Runs `body` once more when it fails other than by a refusal: two drafts started at the same moment can
    /// take the same number, and the unique index turns the second away; the retry takes the next one.
    static func retryingOnce<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let refusal as PolicyStoreError {
            throw refusal
        } catch {
            return try await body()
        }
    }

    static func newDraft(
        name: String, label: String, text: String, clauses: [PolicyClause], basedOn: UUID?, by actor: UUID?, now: Date,
        on db: any Database
    ) async throws -> PolicyVersionModel {
        let highest = try await PolicyVersionModel.query(on: db).max(\.$number) ?? 0
        let model = PolicyVersionModel()
        model.id = UUID()
        model.number = highest + 1
        model.name = name
        model.label = label
        model.status = PolicyVersionStatus.draft.rawValue
        model.sourceText = text
        model.clausesJSON = try encode(clauses)
        model.basedOn = basedOn
        model.createdBy = actor
        model.createdAt = now
        model.updatedAt = now
        try await model.create(on: db)
        return model
    }

    static func log(
        _ action: AuditAction, _ model: PolicyVersionModel, by actor: UUID?, step: String?,
        _ extra: [String: AuditDetail.Value] = [:], now: Date, on db: any Database
    ) async throws {
        var detail = extra
        detail["version"] = .int(Int64(model.number))
        if let step { detail["step"] = .string(step) }
        try await AuditLogStore.append(
            .at(
                now, actor: actor.map(AuditName.user) ?? AuditName.system, action,
                target: "policy:" + (try model.requireID()).uuidString.lowercased(), detail), on: db)
    }

    static func encode(_ clauses: [PolicyClause]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(clauses), as: UTF8.self)
    }

    /// A stored comment with its author's name and role as they are now.
    static func comment(_ model: PolicyCommentModel, author: UserAccount?) throws -> ConsultationComment {
        ConsultationComment(
            id: try model.requireID(), versionID: model.versionID, sectionID: model.sectionID, sectionHeading: model.sectionHeading,
            authorID: model.authorID, authorName: author?.name ?? "A former user", authorRole: author?.role ?? .staff,
            body: model.body, createdAt: model.createdAt, answer: model.answer, answeredBy: model.answeredBy,
            answeredAt: model.answeredAt, resolvedAt: model.resolvedAt)
    }

    /// The clauses of a stored row, carrying the version's label as their version.
    static func policy(_ model: PolicyVersionModel) throws -> ConfidentialityPolicy {
        let clauses = try JSONDecoder().decode([PolicyClause].self, from: Data(model.clausesJSON.utf8))
        return try ConfidentialityPolicy(name: model.name, version: model.label, clauses: clauses)
    }

    /// Opens a stored row; a row that no longer parses is a corrupted database, not a user error.
    static func version(_ model: PolicyVersionModel) throws -> PolicyVersion {
        let policy = try policy(model)
        return PolicyVersion(
            id: try model.requireID(), number: model.number, label: model.label,
            status: try PolicyVersionStatus.stored(model.status, in: "policy_versions.status"),
            text: try PolicyText(parsing: model.sourceText), policy: policy, basedOn: model.basedOn, createdBy: model.createdBy,
            createdAt: model.createdAt, updatedAt: model.updatedAt, consultationOpenedAt: model.consultationOpenedAt,
            publicationRequestedBy: model.publicationRequestedBy, publicationRequestedAt: model.publicationRequestedAt,
            publicationRefusal: model.publicationRefusal, approvedBy: model.approvedBy, publishedAt: model.publishedAt,
            supersededAt: model.supersededAt, acknowledgementBaseline: model.acknowledgementBaseline)
    }
}
