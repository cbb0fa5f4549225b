import ConfidantCore
import Crypto
import FluentKit
import FluentSQL
import Foundation

/// People and their concerns: sealed at rest, every read of content logged before it is returned.
public struct RecordStore: Sendable {
    let database: ConfidantDatabase
    let cipher: FieldCipher
    /// Who is told of a concern recorded in immediate danger or with an absolute promise; nil where nobody is (the command line, store tests).
    let notices: NoticeBoard?

    public init(_ database: ConfidantDatabase, cipher: FieldCipher, notices: NoticeBoard? = nil) {
        self.database = database
        self.cipher = cipher
        self.notices = notices
    }

    /// Each person's file key, within which everything of their file is sealed.
    var personKeys: PersonKeys { PersonKeys(cipher: cipher) }

    // MARK: People

    /// Records a new person.
    /// Records a new person; `possibleDuplicates` the recorder may not open go to the leads for review
    /// in the same transaction, so the person is never kept without it.
    public func createPerson(
        kind: PersonKind, details: PersonDetails, by author: UUID, now: Date, possibleDuplicates: [UUID] = []
    ) async throws -> Person {
        try await database.database.transaction { db in
            let person = try await insertPerson(kind: kind, details: details, by: author, now: now, on: db)
            try await DuplicateReviewStore.raise(person.id, matches: possibleDuplicates, by: author, now: now, on: db)
            return person
        }
    }

    /// Corrects a person's details: the earlier values are kept sealed in the person's history and the change is
    /// logged (`record_corrected`, naming the fields, never their values), in one transaction.
    public func correctPerson(_ id: UUID, kind: PersonKind, details: PersonDetails, by editor: UUID, now: Date) async throws -> Person {
        try await database.database.transaction { db in
            _ = try await correct(id, kind: kind, details: details, by: editor, now: now, on: db)
            guard let model = try await PersonModel.find(id, on: db) else { throw RecordError.notFound }
            return try open(model, within: try await personKeys.key(for: id, on: db))
        }
    }

    /// Corrects a person inside the caller's transaction; false when nothing changed (nothing is written then).
    func correct(_ id: UUID, kind: PersonKind, details: PersonDetails, by editor: UUID, now: Date, on db: any Database) async throws -> Bool {
        try await db.lockForUpdate(PersonModel.schema, id: id)
        guard let model = try await PersonModel.find(id, on: db) else { throw RecordError.notFound }
        let key = try await personKeys.key(for: id, now: now, on: db)
        let before = try open(model, within: key)
        let changed = details.changedFields(from: before.details) + (kind == before.kind ? [] : ["who they are"])
        guard !changed.isEmpty else { return false }
        let historyID = UUID()
        let old = try cipher.seal(before.details, binding: "person-history:\(historyID)", within: key)
        let new = try cipher.seal(details, binding: "person:\(id)", within: key)
        let history = PersonHistoryModel()
        history.id = historyID
        history.personID = id
        history.kind = before.kind.rawValue
        history.keyID = old.keyID
        history.sealedDetails = old.box
        history.changedBy = editor
        history.changedAt = now
        try await history.create(on: db)
        model.kind = kind.rawValue
        model.keyID = new.keyID
        model.sealedDetails = new.box
        try await model.save(on: db)
        try await searchIndex.index(id, details, on: db)
        try await AuditLogStore.append(
            .at(now, actor: AuditName.user(editor), .recordCorrected, target: "person:\(Self.id(id))", ["fields": .strings(changed)]), on: db)
        return true
    }

    /// A person's details before each correction, newest first (content opened; the caller logged the read).
    public func corrections(of personID: UUID) async throws -> [PersonCorrection] {
        let key = try await personKeys.keys(for: [personID], on: database.reader)[personID]
        return try await PersonHistoryModel.query(on: database.reader).filter(\.$personID == personID).sort(\.$changedAt, .descending).all()
            .map { model in
                let id = try model.requireID()
                return PersonCorrection(
                    kind: try PersonKind.stored(model.kind, in: "person_history.kind"),
                    before: try cipher.open(
                        PersonDetails.self, .init(keyID: model.keyID, box: model.sealedDetails), binding: "person-history:\(id)", within: key),
                    changedBy: model.changedBy, changedAt: model.changedAt)
            }
    }

    /// Records many people in one transaction (loading data and measuring: `confidant demo people`).
    public func createPeople(_ people: [(PersonKind, PersonDetails)], by author: UUID, now: Date) async throws {
        try await database.database.transaction { db in
            for (kind, details) in people { _ = try await insertPerson(kind: kind, details: details, by: author, now: now, on: db) }
        }
    }

    /// Records a new family or household member of `personID` and links them, in one transaction:
    /// a refused link leaves no unlinked person behind.
    public func addRelative(
        to personID: UUID, kind: PersonKind, details: PersonDetails, as relationship: Relationship, by author: UUID, now: Date
    ) async throws -> Person {
        try await database.database.transaction { db in
            // Named only as someone's relative: not in the directory, so staff searching it never find them.
            let relative = try await insertPerson(kind: kind, details: details, inDirectory: false, by: author, now: now, on: db)
            try await Self.insertLink(personID, to: relative.id, as: relationship, by: author, now: now, on: db)
            return relative
        }
    }

    func insertPerson(
        kind: PersonKind, details: PersonDetails, inDirectory: Bool = true, directoryKey: String? = nil, by author: UUID, now: Date,
        on db: any Database
    ) async throws -> Person {
        let id = UUID()
        let bytes = SymmetricKey(size: .bits256)
        let sealed = try cipher.seal(details, binding: "person:\(id)", within: bytes)
        let model = PersonModel()
        model.id = id
        model.kind = kind.rawValue
        model.keyID = sealed.keyID
        model.sealedDetails = sealed.box
        model.createdBy = author
        model.createdAt = now
        model.inDirectory = inDirectory
        model.directoryKey = directoryKey
        let index = searchIndex
        model.searchKeyID = index.keyID
        try await model.create(on: db)
        guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
        try await personKeys.insert(bytes, for: id, now: now, on: sql)
        try await index.add([(id, details)], on: sql)
        try await AuditLogStore.append(
            .at(
                now, actor: AuditName.user(author), .recordCreated, target: "person:\(Self.id(id))",
                ["kind": .string(kind.rawValue)]), on: db)
        return Person(id: id, kind: kind, details: details, createdBy: author, createdAt: now, inDirectory: inDirectory)
    }

    /// Links `linkedID` to `personID` (a parent or carer, a sibling, a household member) inside the caller's transaction.
    static func insertLink(
        _ personID: UUID, to linkedID: UUID, as relationship: Relationship, by author: UUID, now: Date, on db: any Database
    ) async throws {
        guard personID != linkedID else { throw RecordError.invalidRequest("A person cannot be linked to themselves.") }
        guard try await PersonModel.find(personID, on: db) != nil, try await PersonModel.find(linkedID, on: db) != nil else {
            throw RecordError.notFound
        }
        if try await PersonLinkModel.query(on: db).filter(\.$personID == personID).filter(\.$linkedPersonID == linkedID).first() != nil {
            throw RecordError.notNow("These two people are already linked.")
        }
        let model = PersonLinkModel()
        model.id = UUID()
        model.personID = personID
        model.linkedPersonID = linkedID
        model.relationship = relationship.rawValue
        model.createdAt = now
        try await model.create(on: db)
        try await AuditLogStore.append(
            .at(
                now, actor: AuditName.user(author), .recordCreated, target: "person:\(Self.id(personID))",
                ["linked": .string("person:\(Self.id(linkedID))"), "relationship": .string(relationship.rawValue)]), on: db)
    }

    /// Whether a person exists and who created them, without reading any content.
    public func personAccessFacts(_ id: UUID) async throws -> (createdBy: UUID, concernAuthors: [UUID], inDirectory: Bool)? {
        guard let sql = database.reader as? any SQLDatabase else { throw StoreError.notSQL }
        guard let model = try await personModels(where: "id = \(bind: id)").first else { return nil }
        let authors = try await sql.raw("SELECT author_id FROM concerns WHERE person_id = \(bind: id)").all()
            .map { try $0.decode(column: "author_id", as: UUID.self) }
        return (model.createdBy, authors, model.inDirectory)
    }

    /// A person's record, read by `reader`: the read is logged first.
    public func person(_ id: UUID, readBy reader: UserAccount, now: Date) async throws -> Person? {
        guard let model = try await personModels(where: "id = \(bind: id)").first else { return nil }
        try await logRead(reader, target: "person:\(Self.id(id))", parts: ["identity"], now: now)
        return try open(model, within: try await personKeys.keys(for: [id], on: database.reader)[id])
    }

    /// The people with these ids, opened without logging: for a page that lists several, which logs one read of them all.
    public func people(_ ids: Set<UUID>) async throws -> [UUID: Person] {
        guard !ids.isEmpty else { return [:] }
        var people: [UUID: Person] = [:]
        let models = try await personModels(where: "id IN (\(binds: Array(ids)))")
        for person in try await open(models) { people[person.id] = person }
        return people
    }

    /// The people linked to a person, each with the relationship (their identities are read and logged with the person's).
    public func links(of personID: UUID) async throws -> [PersonLink] {
        let links = try await PersonLinkModel.query(on: database.reader).filter(\.$personID == personID).all()
        let people = try await self.people(Set(links.map(\.linkedPersonID)))
        return try links.compactMap { link in
            guard let person = people[link.linkedPersonID] else { return nil }
            return PersonLink(person: person, relationship: try Relationship.stored(link.relationship, in: "person_links.relationship"))
        }
    }

    /// People whose name, known-as name, identifiers or date of birth match `text` (`PersonDetails.matches(search:)`),
    /// among those `reader` may see; the search is logged.
    ///
    /// Names are sealed, so only the blind index's candidates are opened and compared: a search costs what it finds,
    /// not the number of people ever recorded, and no name ever sits in the database in the clear.
    public func searchPeople(
        _ text: String, readBy reader: UserAccount, visibleTo allowed: (Person) -> Bool, matchIdentifiers: (Person) -> Bool = { _ in true },
        limit: Int = 50, now: Date
    ) async throws -> PeopleFound {
        let found = try await found(PersonSearchTerms.searched(text), limit: limit) {
            allowed($0) && $0.details.matches(search: text, includingIdentifiers: matchIdentifiers($0))
        }
        // Fifty people's ids are more than one event's detail holds: the page's read goes in as many as it needs.
        try await logPageRead(found.people.map { "person:\(Self.id($0.id))" }, page: "people:search", by: reader, now: now)
        return found
    }

    /// Imports the organisation's register into the directory in one transaction: a person whose register id is
    /// already known is updated (the earlier details kept in their history), everyone else is added. Returns how many
    /// were added and updated.
    public func importDirectory(_ entries: [DirectoryEntry], by importer: UUID, now: Date) async throws -> (added: Int, updated: Int) {
        try await database.database.transaction { db in
            var added = 0
            var updated = 0
            for entry in entries {
                let key = Self.directoryKey(entry.externalID)
                if let existing = try await PersonModel.query(on: db).filter(\.$directoryKey == key).first() {
                    let id = try existing.requireID()
                    let person = try open(existing, within: try await personKeys.keys(for: [id], on: db)[id])
                    let (kind, details) = entry.merged(into: person.details, kind: person.kind)
                    if try await correct(id, kind: kind, details: details, by: importer, now: now, on: db) { updated += 1 }
                } else {
                    _ = try await insertPerson(
                        kind: entry.kind, details: entry.details, inDirectory: true, directoryKey: key, by: importer, now: now, on: db)
                    added += 1
                }
            }
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.user(importer), .configurationChanged, target: "people:directory",
                    ["added": .int(Int64(added)), "updated": .int(Int64(updated))]), on: db)
            return (added, updated)
        }
    }

    /// A register id as the directory keeps it: hashed, so the column does not hold the register's numbers as they are
    /// (a short id can still be guessed by hashing candidates: it is not a secret, only kept out of plain sight).
    static func directoryKey(_ externalID: String) -> String {
        SHA256.hash(data: Data("confidant-directory:\(externalID)".utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// People who look like the same person as `details` (same name and date of birth, or close spellings).
    public func likelyDuplicates(of details: PersonDetails) async throws -> [Person] {
        try await found(PersonSearchTerms.duplicateCheck(details), limit: 20) { $0.details.looksLikeSamePerson(as: details) }.people
    }

    /// Logs that `reader` was shown these people (a duplicate warning names them) before the page is returned.
    public func logShown(_ people: [Person], to reader: UserAccount, now: Date) async throws {
        guard !people.isEmpty else { return }
        try await logPageRead(people.map { "person:\(Self.id($0.id))" }, page: "people:duplicate-check", by: reader, now: now)
    }

    func allPeople() async throws -> [Person] {
        try await open(try await PersonModel.query(on: database.reader).all())
    }

    /// Opens these people's rows with their file keys, read in one statement for all of them.
    func open(_ models: [PersonModel]) async throws -> [Person] {
        let keys = try await personKeys.keys(for: try models.map { try $0.requireID() }, on: database.reader)
        return try models.map { try open($0, within: keys[try $0.requireID()]) }
    }

    func open(_ model: PersonModel, within key: SymmetricKey?) throws -> Person {
        let id = try model.requireID()
        let details = try cipher.open(PersonDetails.self, .init(keyID: model.keyID, box: model.sealedDetails), binding: "person:\(id)", within: key)
        return Person(
            id: id, kind: try PersonKind.stored(model.kind, in: "people.kind"), details: details,
            createdBy: model.createdBy, createdAt: model.createdAt, inDirectory: model.inDirectory)
    }

    // MARK: Concerns

    /// Saves a draft (new or existing); only its author may, and only while it is a draft.
    public func saveDraft(_ draft: Concern, by author: UUID, now: Date) async throws -> Concern {
        try await database.database.transaction { db in
            var concern = draft
            let model: ConcernModel
            // Locked, so that a save racing a submit on PostgreSQL waits for it and then sees the record is final.
            try await db.lockForUpdate(ConcernModel.schema, id: concern.id)
            if let existing = try await ConcernModel.find(concern.id, on: db) {
                guard existing.status == ConcernStatus.draft.rawValue else { throw RecordError.submittedIsFinal }
                guard existing.authorID == author else { throw RecordError.notFound }
                model = existing
            } else {
                guard try await PersonModel.find(concern.personID, on: db) != nil else { throw RecordError.notFound }
                model = ConcernModel()
                model.id = concern.id
                model.personID = concern.personID
                model.authorID = author
                model.createdAt = now
                concern.createdAt = now
            }
            concern.authorID = author
            concern.status = .draft
            // The store decides a draft's facts, whatever the caller claims: no submission time until it is submitted.
            concern.submittedAt = nil
            concern.updatedAt = now
            concern.personID = model.personID
            try write(concern, into: model, within: try await personKeys.key(for: model.personID, now: now, on: db))
            try await model.save(on: db)
            return concern
        }
    }

    /// Signs and submits a draft; from now on it can only gain addenda. The author's name and the time are the signature.
    public func submit(_ draft: Concern, by author: UUID, now: Date) async throws -> Concern {
        try await database.database.transaction { db in
            var concern = draft
            // Locked: two submits at once must not both pass the draft check and log the record twice.
            try await db.lockForUpdate(ConcernModel.schema, id: concern.id)
            guard let model = try await ConcernModel.find(concern.id, on: db), model.authorID == author else {
                throw RecordError.notFound
            }
            guard model.status == ConcernStatus.draft.rawValue else { throw RecordError.submittedIsFinal }
            concern.authorID = author
            concern.status = .submitted
            concern.submittedAt = now
            concern.updatedAt = now
            concern.createdAt = model.createdAt
            concern.personID = model.personID
            try write(concern, into: model, within: try await personKeys.key(for: model.personID, now: now, on: db))
            try await model.save(on: db)
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.user(author), .recordCreated, target: "concern:\(Self.id(concern.id))",
                    [
                        "person": .string("person:\(Self.id(concern.personID))"), "risk": .string(concern.risk?.rawValue ?? ""),
                        "alerts": .strings(concern.alerts.map(\.rawValue)),
                    ]), on: db)
            // Immediate danger and an absolute promise cannot wait for the queue to be looked at.
            if concern.risk == .immediateDanger || concern.offered == .absolute {
                try await notices?.postToLeads(
                    Notice(.urgentConcern, target: "concern:\(Self.id(concern.id))", path: "/concerns/\(concern.id)", urgent: true), now: now,
                    on: db)
            }
            return concern
        }
    }

    func write(_ concern: Concern, into model: ConcernModel, within key: SymmetricKey) throws {
        let sealed = try cipher.seal(concern.narrative, binding: "concern:\(concern.id)", within: key)
        model.status = concern.status.rawValue
        model.conversationAt = concern.conversationAt
        model.disclosedBy = concern.disclosedBy?.rawValue
        model.limitsExplained = concern.limitsExplained
        model.secrecyRequested = concern.secrecyRequested
        model.offered = concern.offered?.rawValue
        model.categories = concern.categories.map(\.rawValue)
        model.risk = concern.risk?.rawValue
        model.keyID = sealed.keyID
        model.sealedNarrative = sealed.box
        model.assignedTo = concern.assignedTo
        model.updatedAt = concern.updatedAt
        model.submittedAt = concern.submittedAt
        // Written only as a draft or on submission; a decision takes it out of the queue (`decide`).
        model.triagePriority = concern.status == .submitted ? concern.triagePriority : nil
        model.awaitingTriage = concern.status == .submitted
        model.wishesAsked = concern.narrative.wishesAsked
    }

    /// A concern named without its content, for task lists: "the concern of 20 November 2026 (Physical abuse)".
    public func concernSummary(_ id: UUID) async throws -> String {
        guard let model = try await ConcernModel.find(id, on: database.reader) else { return "a concern" }
        let day = (model.conversationAt ?? model.submittedAt ?? model.createdAt).map { CalendarDay(containing: $0).spelledOut }
        let categories = model.categories.compactMap(ConcernCategory.init(rawValue:)).map(\.label).joined(separator: ", ")
        return "the concern of \(day ?? "an unknown date")" + (categories.isEmpty ? "" : " (\(categories))")
    }

    /// Who wrote a concern and about whom, without reading its content (for access checks).
    public func concernFacts(_ id: UUID) async throws -> (authorID: UUID, personID: UUID, status: ConcernStatus)? {
        guard let model = try await concernModels(where: "id = \(bind: id)").first else { return nil }
        return (model.authorID, model.personID, try ConcernStatus.stored(model.status, in: "concerns.status"))
    }

    /// A concern and the person it is about, read together by `reader` for one page: one logged read names both,
    /// before either is returned.
    public func concernAndPerson(_ id: UUID, readBy reader: UserAccount, now: Date) async throws -> (Concern, Person)? {
        guard let model = try await concernModels(where: "id = \(bind: id)").first,
            let person = try await personModels(where: "id = \(bind: model.personID)").first
        else { return nil }
        try await logRead(
            reader, target: "concern:\(Self.id(id))",
            parts: ["account", "observations", "opinion", "narrative", "person:\(Self.id(model.personID))"], now: now)
        let key = try await personKeys.keys(for: [model.personID], on: database.reader)[model.personID]
        return (try open(model, within: key), try open(person, within: key))
    }

    /// A concern read by `reader`; the read (and which parts) is logged before the content is returned.
    public func concern(_ id: UUID, readBy reader: UserAccount, now: Date) async throws -> Concern? {
        guard let model = try await concernModels(where: "id = \(bind: id)").first else { return nil }
        try await logRead(reader, target: "concern:\(Self.id(id))", parts: ["account", "observations", "opinion", "narrative"], now: now)
        return try await open([model])[0]
    }

    /// Concerns about a person (content opened; the caller has logged the person read).
    public func concerns(about personID: UUID, includeDraftsBy author: UUID?) async throws -> [Concern] {
        let drafts: SQLQueryString = author.map { " OR author_id = \(bind: $0)" } ?? ""
        return try await open(
            try await concernModels(where: "person_id = \(bind: personID) AND (status = \(bind: ConcernStatus.submitted.rawValue)\(drafts))"))
    }

    /// Concerns a staff member wrote, drafts included (their own work).
    public func concerns(writtenBy author: UUID) async throws -> [Concern] {
        try await ConcernModel.query(on: database.reader).filter(\.$authorID == author)
            .sort(\.$updatedAt, .descending).all().openedConcerns(self)
    }

    /// Submitted concerns with no decision yet, most urgent first: the safeguarding leads' queue.
    public func triageQueue() async throws -> [Concern] {
        var concerns: [Concern] = []
        var after: TriageCursor?
        repeat {
            let page = try await triageQueue(after: after, limit: 500)
            concerns += page.concerns
            after = page.next
        } while after != nil
        return concerns
    }

    /// One page of the triage queue, in its order, from just after `after` (from the start when nil), and where the
    /// next page starts (nil on the last page).
    ///
    /// Keyset paging over the queue's index (`AddTriageQueueOrder`): a page deep in the queue reads only its own rows,
    /// as the first does.
    public func triageQueue(after: TriageCursor?, limit: Int) async throws -> (concerns: [Concern], next: TriageCursor?) {
        var condition: SQLQueryString = "awaiting_triage = \(bind: true)"
        if let after {
            // (priority, submitted, id) after the cursor's, spelled out, as row values are not in every SQLite.
            let (priority, submitted) = (after.priority, after.submittedAt)
            condition = """
                \(condition) AND (triage_priority > \(bind: priority) OR (triage_priority = \(bind: priority) AND submitted_at > \(bind: submitted)) \
                OR (triage_priority = \(bind: priority) AND submitted_at = \(bind: submitted) AND id > \(bind: after.id)))
                """
        }
        let models = try await concernModels(where: condition, orderBy: "triage_priority, submitted_at, id", limit: limit + 1)
        let concerns = try await open(Array(models.prefix(limit)))
        guard models.count > limit, let last = models.prefix(limit).last, let priority = last.triagePriority, let submitted = last.submittedAt
        else { return (concerns, nil) }
        return (concerns, TriageCursor(priority: priority, submittedAt: submitted, id: try last.requireID()))
    }

    /// How many submitted concerns wait for a decision (the badge on every safeguarding lead's page).
    public func waitingCount() async throws -> Int {
        // Every page a lead opens shows this badge: one count over the queue's index.
        guard let sql = database.reader as? any SQLDatabase else { throw StoreError.notSQL }
        let row = try await sql.raw("SELECT COUNT(*) AS waiting FROM concerns WHERE awaiting_triage = \(bind: true)").first()
        return try row?.decode(column: "waiting", as: Int.self) ?? 0
    }

    /// Opens these concerns with their people's file keys, read in one statement for all of them.
    func open(_ models: [ConcernModel]) async throws -> [Concern] {
        let keys = try await personKeys.keys(for: models.map(\.personID), on: database.reader)
        return try models.map { try open($0, within: keys[$0.personID]) }
    }

    func open(_ model: ConcernModel, within key: SymmetricKey?) throws -> Concern {
        let id = try model.requireID()
        let narrative = try cipher.open(
            ConcernNarrative.self, .init(keyID: model.keyID, box: model.sealedNarrative), binding: "concern:\(id)", within: key)
        return Concern(
            id: id, personID: model.personID, authorID: model.authorID,
            status: try ConcernStatus.stored(model.status, in: "concerns.status"), conversationAt: model.conversationAt,
            disclosedBy: model.disclosedBy.flatMap(DisclosedBy.init), limitsExplained: model.limitsExplained,
            secrecyRequested: model.secrecyRequested, offered: model.offered.flatMap(ConfidentialityOffered.init),
            categories: try model.categories.map { try ConcernCategory.stored($0, in: "concerns.category_list") },
            risk: model.risk.flatMap(RiskLevel.init), narrative: narrative, assignedTo: model.assignedTo,
            createdAt: model.createdAt, updatedAt: model.updatedAt, submittedAt: model.submittedAt, transferredFrom: model.transferredFrom)
    }

    // MARK: Addenda and decisions

    /// Adds an addendum to a submitted concern; the concern itself is untouched.
    public func addAddendum(to concernID: UUID, text: String, by author: UUID, now: Date) async throws -> Addendum {
        let addendum = Addendum(id: UUID(), concernID: concernID, authorID: author, text: text, createdAt: now)
        try await database.database.transaction { db in
            guard let concern = try await ConcernModel.find(concernID, on: db) else { throw RecordError.notFound }
            guard concern.status == ConcernStatus.submitted.rawValue else {
                throw RecordError.notNow("Addenda are for submitted records; a draft can still be edited.")
            }
            let sealed = try cipher.seal(
                text, binding: "addendum:\(addendum.id)", within: try await personKeys.key(for: concern.personID, now: now, on: db))
            let model = AddendumModel()
            model.id = addendum.id
            model.concernID = concernID
            model.authorID = author
            model.keyID = sealed.keyID
            model.sealedText = sealed.box
            model.createdAt = now
            try await model.create(on: db)
            try await AuditLogStore.append(
                .at(now, actor: AuditName.user(author), .addendumAdded, target: "concern:\(Self.id(concernID))"), on: db)
        }
        return addendum
    }

    /// The addenda of a concern, oldest first.
    public func addenda(of concernID: UUID) async throws -> [Addendum] {
        try await addenda(of: [concernID], within: try await fileKey(ofConcern: concernID))
    }

    /// The addenda of several concerns of one file, oldest first, in one statement.
    func addenda(of concernIDs: [UUID], within key: SymmetricKey?) async throws -> [Addendum] {
        guard !concernIDs.isEmpty else { return [] }
        return try await AddendumModel.query(on: database.reader).filter(\.$concernID ~~ concernIDs).sort(\.$createdAt).all().map { model in
            let id = try model.requireID()
            return Addendum(
                id: id, concernID: model.concernID, authorID: model.authorID,
                text: try cipher.open(String.self, .init(keyID: model.keyID, box: model.sealedText), binding: "addendum:\(id)", within: key),
                createdAt: model.createdAt)
        }
    }

    /// What hangs from a person's concerns on their chronology, read a table at a time for all of them.
    public struct ConcernHistory: Sendable {
        public var addenda: [UUID: [Addendum]] = [:]
        public var decisions: [UUID: [TriageDecision]] = [:]
        public var closures: [UUID: CaseClosure] = [:]
    }

    /// The addenda, decisions and closures of `concernIDs`, all about `personID`: three statements and one read of the
    /// file key, whatever the number of concerns (a chronology page otherwise asks three times per concern).
    public func history(of concernIDs: [UUID], about personID: UUID) async throws -> ConcernHistory {
        var history = ConcernHistory()
        guard !concernIDs.isEmpty else { return history }
        let key = try await personKeys.keys(for: [personID], on: database.reader)[personID]
        for addendum in try await addenda(of: concernIDs, within: key) { history.addenda[addendum.concernID, default: []].append(addendum) }
        for decision in try await decisions(on: concernIDs, within: key) { history.decisions[decision.concernID, default: []].append(decision) }
        for closure in try await closures(of: concernIDs, within: key) { history.closures[closure.concernID] = closure }
        return history
    }

    /// Every submitted concern, addendum and decision whose words contain all of `text`'s, newest first, at most `limit`.
    ///
    /// The words are sealed, so each record is opened and read in memory: the cost grows with everything ever
    /// recorded (docs/benchmarks.md measures it); the caller logs what the results page shows.
    public func searchRecords(_ text: String, limit: Int = 100) async throws -> [RecordMatch] {
        let words = RecordSearch.words(text)
        guard !words.isEmpty else { return [] }
        var matches: [RecordMatch] = []
        var people: [UUID: UUID] = [:]
        let models = try await ConcernModel.query(on: database.reader).filter(\.$status == ConcernStatus.submitted.rawValue).all()
        let keys = try await personKeys.keys(for: models.map(\.personID), on: database.reader)
        func key(_ concernID: UUID) -> SymmetricKey? { people[concernID].flatMap { keys[$0] } }
        for model in models {
            let concern = try open(model, within: keys[model.personID])
            people[concern.id] = concern.personID
            let n = concern.narrative
            let text = [n.place, n.thirdParty, n.account, n.observations, n.opinion, n.limitsHow, n.actionsTaken].joined(separator: "\n")
            if let snippet = RecordSearch.snippet(of: text, words: words) {
                matches.append(
                    RecordMatch(
                        concernID: concern.id, personID: concern.personID, part: .concern, at: concern.submittedAt ?? concern.createdAt,
                        snippet: snippet))
            }
        }
        for model in try await AddendumModel.query(on: database.reader).all() {
            let id = try model.requireID()
            guard people[model.concernID] != nil else { continue }
            let text = try cipher.open(
                String.self, .init(keyID: model.keyID, box: model.sealedText), binding: "addendum:\(id)", within: key(model.concernID))
            if let snippet = RecordSearch.snippet(of: text, words: words), let person = people[model.concernID] {
                matches.append(RecordMatch(concernID: model.concernID, personID: person, part: .addendum, at: model.createdAt, snippet: snippet))
            }
        }
        for model in try await TriageDecisionModel.query(on: database.reader).all() {
            let id = try model.requireID()
            guard people[model.concernID] != nil else { continue }
            let text = try cipher.open(
                String.self, .init(keyID: model.keyID, box: model.sealedReason), binding: "decision:\(id)", within: key(model.concernID))
            if let snippet = RecordSearch.snippet(of: text, words: words), let person = people[model.concernID] {
                matches.append(RecordMatch(concernID: model.concernID, personID: person, part: .decision, at: model.decidedAt, snippet: snippet))
            }
        }
        return Array(matches.sorted { $0.at > $1.at }.prefix(limit))
    }

    /// Records a safeguarding lead's decision on a submitted concern.
    public func decide(
        _ concernID: UUID, outcome: TriageOutcome, reason: String, reviewDate: String?, referral: TriageReferral? = nil, by decider: UUID,
        now: Date
    ) async throws -> TriageDecision {
        let decision = TriageDecision(
            id: UUID(), concernID: concernID, deciderID: decider, outcome: outcome,
            reason: reason, reviewDate: reviewDate, referral: referral, decidedAt: now)
        try await database.database.transaction { db in
            guard let concern = try await ConcernModel.find(concernID, on: db),
                concern.status == ConcernStatus.submitted.rawValue
            else { throw RecordError.notFound }
            let key = try await personKeys.key(for: concern.personID, now: now, on: db)
            let sealed = try cipher.seal(reason, binding: "decision:\(decision.id)", within: key)
            let reference = try referral.map { try cipher.seal($0.reference, binding: "decision-reference:\(decision.id)", within: key) }
            let model = TriageDecisionModel()
            model.id = decision.id
            model.concernID = concernID
            model.deciderID = decider
            model.outcome = outcome.rawValue
            model.keyID = sealed.keyID
            model.sealedReason = sealed.box
            model.reviewDate = reviewDate
            model.referralDate = referral?.date
            model.sealedReferralReference = reference?.box
            model.decidedAt = now
            try await model.create(on: db)
            if concern.awaitingTriage {
                concern.awaitingTriage = false
                try await concern.save(on: db)
            }
            // The first decision stays the first: a later one, or one racing it, leaves it as it is.
            try await ConcernModel.query(on: db).filter(\.$id == concernID).filter(\.$firstTriagedAt == nil)
                .set(\.$firstTriagedAt, to: now).set(\.$firstTriageOutcome, to: outcome.rawValue).update()
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.user(decider), .triageDecision, target: "concern:\(Self.id(concernID))",
                    ["outcome": .string(outcome.rawValue)]), on: db)
        }
        return decision
    }

    /// Closes a submitted concern, with whether what the person wanted was achieved and their view (sealed). A concern
    /// closes once: a second closure, or one racing it, is refused.
    public func close(
        _ concernID: UUID, achieved: CaseClosure.Achieved, personView: String, by lead: UUID, now: Date
    ) async throws -> CaseClosure {
        let closure = CaseClosure(id: UUID(), concernID: concernID, closedBy: lead, closedAt: now, achieved: achieved, personView: personView)
        try await database.database.transaction { db in
            try await db.lockForUpdate(ConcernModel.schema, id: concernID)
            guard let concern = try await ConcernModel.find(concernID, on: db), concern.status == ConcernStatus.submitted.rawValue else {
                throw RecordError.notFound
            }
            let sealed = try cipher.seal(
                personView, binding: "closure:\(closure.id)", within: try await personKeys.key(for: concern.personID, now: now, on: db))
            guard try await CaseClosureModel.query(on: db).filter(\.$concernID == concernID).first() == nil else {
                throw RecordError.notNow("This concern is already closed.")
            }
            let model = CaseClosureModel()
            model.id = closure.id
            model.concernID = concernID
            model.closedBy = lead
            model.closedAt = now
            model.achieved = achieved.rawValue
            model.keyID = sealed.keyID
            model.sealedView = sealed.box
            try await model.create(on: db)
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.user(lead), .triageDecision, target: "concern:\(Self.id(concernID))",
                    ["closed": .bool(true), "achieved": .string(achieved.rawValue)]), on: db)
        }
        return closure
    }

    /// A concern's closure, if it is closed (the caller has logged the read of the concern).
    public func closure(of concernID: UUID) async throws -> CaseClosure? {
        guard try await CaseClosureModel.query(on: database.reader).filter(\.$concernID == concernID).count() > 0 else { return nil }
        return try await closures(of: [concernID], within: try await fileKey(ofConcern: concernID)).first
    }

    /// The closures of several concerns of one file, in one statement.
    func closures(of concernIDs: [UUID], within key: SymmetricKey?) async throws -> [CaseClosure] {
        guard !concernIDs.isEmpty else { return [] }
        return try await CaseClosureModel.query(on: database.reader).filter(\.$concernID ~~ concernIDs).all().map { model in
            let id = try model.requireID()
            return CaseClosure(
                id: id, concernID: model.concernID, closedBy: model.closedBy, closedAt: model.closedAt,
                achieved: try CaseClosure.Achieved.stored(model.achieved, in: "case_closures.achieved"),
                personView: try cipher.open(String.self, .init(keyID: model.keyID, box: model.sealedView), binding: "closure:\(id)", within: key))
        }
    }

    /// Assigns a concern to a safeguarding lead or deputy.
    public func assign(_ concernID: UUID, to lead: UUID, by decider: UUID, now: Date) async throws {
        try await database.database.transaction { db in
            guard let concern = try await ConcernModel.find(concernID, on: db),
                concern.status == ConcernStatus.submitted.rawValue
            else { throw RecordError.notFound }
            concern.assignedTo = lead
            try await concern.save(on: db)
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.user(decider), .triageDecision, target: "concern:\(Self.id(concernID))",
                    ["assigned_to": .string(AuditName.user(lead))]), on: db)
        }
    }

    /// The decisions on a concern, oldest first.
    public func decisions(on concernID: UUID) async throws -> [TriageDecision] {
        try await decisions(on: [concernID], within: try await fileKey(ofConcern: concernID))
    }

    /// The decisions on several concerns of one file, oldest first, in one statement.
    func decisions(on concernIDs: [UUID], within key: SymmetricKey?) async throws -> [TriageDecision] {
        guard !concernIDs.isEmpty else { return [] }
        return try await TriageDecisionModel.query(on: database.reader).filter(\.$concernID ~~ concernIDs).sort(\.$decidedAt).all().map {
            model in
            let id = try model.requireID()
            return TriageDecision(
                id: id, concernID: model.concernID, deciderID: model.deciderID,
                outcome: try TriageOutcome.stored(model.outcome, in: "triage_decisions.outcome"),
                reason: try cipher.open(String.self, .init(keyID: model.keyID, box: model.sealedReason), binding: "decision:\(id)", within: key),
                reviewDate: model.reviewDate,
                referral: try model.referralDate.map { date in
                    TriageReferral(
                        date: date,
                        reference: try model.sealedReferralReference.map {
                            try cipher.open(String.self, .init(keyID: model.keyID, box: $0), binding: "decision-reference:\(id)", within: key)
                        } ?? "")
                }, decidedAt: model.decidedAt)
        }
    }

    /// The file key of the person a concern is about, for opening what hangs from it; nil for a file recorded
    /// before files had keys (or a concern that is not there).
    func fileKey(ofConcern concernID: UUID, on db: (any Database)? = nil) async throws -> SymmetricKey? {
        let db = db ?? database.reader
        guard let concern = try await ConcernModel.find(concernID, on: db) else { return nil }
        return try await personKeys.keys(for: [concern.personID], on: db)[concern.personID]
    }

    // MARK: Reads are logged

    /// Logs that `reader` was shown these records on one page (a list), before the page is returned:
    /// one event naming them all, or one per forty when there are more (an event's detail is small).
    public func logPageRead(_ records: [String], page: String, by reader: UserAccount, now: Date) async throws {
        var remaining = records[...]
        repeat {
            let chunk = remaining.prefix(40)
            remaining = remaining.dropFirst(40)
            try await logRead(reader, target: page, parts: Array(chunk), now: now)
        } while !remaining.isEmpty
    }

    /// Writes the `case_read` event and commits it before any content is handed back.
    func logRead(_ reader: UserAccount, target: String, parts: [String], now: Date) async throws {
        try await AuditLogStore(database).append(
            .at(now, actor: AuditName.user(reader.id), .caseRead, target: target, ["parts": .strings(parts)]))
    }

    static func id(_ id: UUID) -> String { id.uuidString.lowercased() }
}

extension [ConcernModel] {
    /// These concerns opened with their people's file keys (`RecordStore.open(_:)`), for the end of a query.
    func openedConcerns(_ records: RecordStore) async throws -> [Concern] { try await records.open(self) }
}
