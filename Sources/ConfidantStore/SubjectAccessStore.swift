import ConfidantCore
import Crypto
import FluentKit
import FluentSQL
import Foundation

/// The subject access register (UK GDPR Art. 15): each request, its clock, and the response prepared and released.
///
/// Who asked and the clock's history are sealed like case content, all of a row's columns under the row's key. The
/// day a request is due and whether its clock is stopped are kept in the clear as well, as they stood at the last
/// change, so the reminders can find what is due without opening anything; they name nobody.
public struct SubjectAccessStore: Sendable {
    let database: ConfidantDatabase
    let cipher: FieldCipher
    let notices: NoticeBoard?

    public init(_ database: ConfidantDatabase, cipher: FieldCipher, notices: NoticeBoard? = nil) {
        self.database = database
        self.cipher = cipher
        self.notices = notices
    }

    /// How long before the due day the leads are reminded.
    public static let reminderDays = 7

    /// Records a request about `personID`, received on `receivedOn`.
    public func record(
        personID: UUID, details: SubjectAccessDetails, receivedOn: CalendarDay, by user: UUID, now: Date
    ) async throws -> SubjectAccessRequest {
        let id = UUID()
        let request = SubjectAccessRequest(
            id: id, personID: personID, details: details, receivedOn: receivedOn, progress: SubjectAccessProgress(), recordedBy: user,
            recordedAt: now, releasedAt: nil)
        try await database.database.transaction { db in
            guard try await PersonModel.find(personID, on: db) != nil else { throw RecordError.notFound }
            let key = try await PersonKeys(cipher: cipher).key(for: personID, now: now, on: db)
            let sealedDetails = try cipher.seal(details, binding: "subject-access:\(id)", within: key)
            let sealedProgress = try cipher.seal(request.progress, binding: "subject-access-progress:\(id)", within: key)
            let model = SubjectAccessModel()
            model.id = id
            model.personID = personID
            model.receivedOn = receivedOn.start
            model.recordedBy = user
            model.recordedAt = now
            model.keyID = sealedDetails.keyID
            model.sealedDetails = sealedDetails.box
            model.sealedProgress = sealedProgress.box
            Self.setClock(model, request, now: now)
            try await model.create(on: db)
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.user(user), .subjectAccessReceived, target: Self.target(id),
                    ["person": .string("person:\(Self.id(personID))"), "requester": .string(details.requester.rawValue)]),
                on: db)
        }
        return request
    }

    /// Every request, the most recently received first. The caller logs the register's read.
    public func requests() async throws -> [SubjectAccessRequest] {
        let models = try await SubjectAccessModel.query(on: database.database).sort(\.$receivedOn, .descending).sort(\.$recordedAt, .descending)
            .all()
        let keys = try await PersonKeys(cipher: cipher).keys(for: models.map(\.personID), on: database.database)
        return try models.map { try open($0, within: keys[$0.personID]) }
    }

    /// The file key a request is sealed within: its person's.
    func key(of model: SubjectAccessModel, now: Date? = nil, on db: any Database) async throws -> SymmetricKey? {
        guard let now else { return try await PersonKeys(cipher: cipher).keys(for: [model.personID], on: db)[model.personID] }
        return try await PersonKeys(cipher: cipher).key(for: model.personID, now: now, on: db)
    }

    /// One request, without logging (the caller logs its read).
    public func request(_ id: UUID) async throws -> SubjectAccessRequest? {
        guard let model = try await SubjectAccessModel.find(id, on: database.database) else { return nil }
        return try open(model, within: try await key(of: model, on: database.database))
    }

    /// Changes a request's clock: `change` gets the request as it stands (read with its row locked, so two leads at
    /// once each build on the other's change) and answers its new progress, or the problems with the form.
    public func update(
        _ id: UUID, part: String, by user: UUID, now: Date,
        _ change: @escaping @Sendable (SubjectAccessRequest) -> Result<SubjectAccessProgress, FormProblems>
    ) async throws -> Result<SubjectAccessRequest, FormProblems> {
        try await database.database.transaction { db in
            try await db.lockForUpdate(SubjectAccessModel.schema, id: id)
            guard let model = try await SubjectAccessModel.find(id, on: db) else { throw RecordError.notFound }
            if let released = model.releasedAt { throw try await AlreadyDecided.make(.released, by: model.releasedBy, at: released, on: db) }
            let key = try await key(of: model, now: now, on: db)
            let request = try open(model, within: key)
            let progress: SubjectAccessProgress
            switch change(request) {
            case .failure(let problems): return .failure(problems)
            case .success(let changed): progress = changed
            }
            let changed = SubjectAccessRequest(
                id: id, personID: request.personID, details: request.details, receivedOn: request.receivedOn, progress: progress,
                recordedBy: request.recordedBy, recordedAt: request.recordedAt, releasedAt: request.releasedAt)
            try reseal(model, progress: progress, within: key)
            Self.setClock(model, changed, now: now)
            try await model.save(on: db)
            try await AuditLogStore.append(
                .at(now, actor: AuditName.user(user), .subjectAccessUpdated, target: Self.target(id), ["part": .string(part)]), on: db)
            return .success(changed)
        }
    }

    // MARK: The response

    /// What the leads have decided in the request's workspace so far (nothing, before the first change).
    public func workspace(_ id: UUID) async throws -> SubjectAccessWorkspace {
        guard let model = try await SubjectAccessModel.find(id, on: database.database) else { throw RecordError.notFound }
        return try openWorkspace(model, within: try await key(of: model, on: database.database))
    }

    /// Changes the workspace: `change` gets the request and its workspace as they stand, with the row locked.
    /// A request already answered keeps the workspace its response was made from.
    public func changeWorkspace(
        _ id: UUID, part: String, by user: UUID, now: Date,
        _ change: @escaping @Sendable (SubjectAccessRequest, SubjectAccessWorkspace) throws -> Result<SubjectAccessWorkspace, FormProblems>
    ) async throws -> Result<SubjectAccessWorkspace, FormProblems> {
        try await database.database.transaction { db in
            try await db.lockForUpdate(SubjectAccessModel.schema, id: id)
            guard let model = try await SubjectAccessModel.find(id, on: db) else { throw RecordError.notFound }
            if let released = model.releasedAt { throw try await AlreadyDecided.make(.released, by: model.releasedBy, at: released, on: db) }
            let key = try await key(of: model, now: now, on: db)
            let request = try open(model, within: key)
            let stored = try openWorkspace(model, within: key)
            var workspace: SubjectAccessWorkspace
            switch try change(request, stored) {
            case .failure(let problems): return .failure(problems)
            case .success(let changed): workspace = changed
            }
            workspace.revision = stored.revision + 1
            try reseal(model, progress: request.progress, within: key)
            model.sealedWorkspace = try cipher.seal(workspace, binding: "subject-access-workspace:\(id)", within: key).box
            try await model.save(on: db)
            try await AuditLogStore.append(
                .at(now, actor: AuditName.user(user), .subjectAccessUpdated, target: Self.target(id), ["part": .string(part)]), on: db)
            return .success(workspace)
        }
    }

    /// Releases the response `make` builds from the request and its workspace, once: `make` answers the workspace as
    /// finally decided (the choices sent with the release) and the response made from it. Both are sealed and kept, the
    /// request is answered, and the audit event carries the SHA-256 of exactly what was released.
    public func release(
        _ id: UUID, by user: UUID, now: Date,
        _ make: @escaping @Sendable (SubjectAccessRequest, SubjectAccessWorkspace) throws -> (SubjectAccessWorkspace, SubjectAccessResponse)
    ) async throws -> SubjectAccessResponse {
        try await database.database.transaction { db in
            try await db.lockForUpdate(SubjectAccessModel.schema, id: id)
            guard let model = try await SubjectAccessModel.find(id, on: db) else { throw RecordError.notFound }
            if let released = model.releasedAt { throw try await AlreadyDecided.make(.released, by: model.releasedBy, at: released, on: db) }
            let key = try await key(of: model, now: now, on: db)
            let request = try open(model, within: key)
            let (workspace, response) = try make(request, try openWorkspace(model, within: key))
            try reseal(model, progress: request.progress, within: key)
            model.sealedWorkspace = try cipher.seal(workspace, binding: "subject-access-workspace:\(id)", within: key).box
            model.sealedResponse = try cipher.seal(response, binding: "subject-access-response:\(id)", within: key).box
            model.releasedAt = now
            model.releasedBy = user
            try await model.save(on: db)
            let withheld = WithholdingReason.allCases.compactMap { reason in response.counts[reason].map { "\(reason.code):\($0)" } }
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.user(user), .subjectAccessReleased, target: Self.target(id),
                    [
                        "person": .string("person:\(Self.id(request.personID))"), "sha256": .string(response.digest),
                        "items": .int(Int64(response.items.count)), "withheld": .strings(withheld),
                    ]),
                on: db)
            return response
        }
    }

    /// The response as released, without logging (the caller logs the export); nil before it is released.
    public func response(_ id: UUID) async throws -> SubjectAccessResponse? {
        guard let model = try await SubjectAccessModel.find(id, on: database.database) else { throw RecordError.notFound }
        let key = try await key(of: model, on: database.database)
        return try model.sealedResponse.map {
            try cipher.open(
                SubjectAccessResponse.self, .init(keyID: model.keyID, box: $0), binding: "subject-access-response:\(model.requireID())", within: key)
        }
    }

    func openWorkspace(_ model: SubjectAccessModel, within key: SymmetricKey?) throws -> SubjectAccessWorkspace {
        let id = try model.requireID()
        return try model.sealedWorkspace.map {
            try cipher.open(SubjectAccessWorkspace.self, .init(keyID: model.keyID, box: $0), binding: "subject-access-workspace:\(id)", within: key)
        } ?? SubjectAccessWorkspace()
    }

    /// Tells the leads, once for each due day, of requests due within `reminderDays` and of those overdue; a stopped
    /// clock waits. A request whose due day moves (an extension, a stop) is reminded of again before its new day.
    public func remind(now: Date) async throws {
        guard let notices else { return }
        let soon = CalendarDay(containing: now).adding(days: Self.reminderDays).start
        let due = try await SubjectAccessModel.query(on: database.database).filter(\.$releasedAt == nil).filter(\.$stopped == false)
            .filter(\.$dueOn <= soon).all()
        guard !due.isEmpty else { return }
        let today = CalendarDay(containing: now)
        // The due day is part of what is told, so a moved day is told of again; the notices table keeps each once.
        let reminders = try due.map { model in
            let id = try model.requireID()
            let dueOn = CalendarDay(containing: model.dueOn)
            return Notice(
                dueOn < today ? .subjectAccessOverdue : .subjectAccessDueSoon, target: "\(Self.target(id))@\(dueOn.iso)",
                path: "/subject-access/\(id)")
        }
        // What was already told is skipped here, so a sweep every minute writes nothing for it again.
        guard let sql = database.database as? any SQLDatabase else { throw StoreError.notSQL }
        let told = Set(
            try await sql.raw(
                """
                SELECT DISTINCT kind, target FROM notices
                WHERE kind IN (\(bind: Notice.Kind.subjectAccessDueSoon.rawValue), \(bind: Notice.Kind.subjectAccessOverdue.rawValue))
                """
            ).all().map { "\(try $0.decode(column: "kind", as: String.self)) \(try $0.decode(column: "target", as: String.self))" })
        let untold = reminders.filter { !told.contains("\($0.kind.rawValue) \($0.target)") }
        guard !untold.isEmpty else { return }
        try await database.database.transaction { db in
            for notice in untold { try await notices.postToLeads(notice, now: now, on: db) }
        }
    }

    // MARK: Rows

    /// Keeps the plain due day and stopped flag in step with the sealed progress.
    static func setClock(_ model: SubjectAccessModel, _ request: SubjectAccessRequest, now: Date) {
        let today = CalendarDay(containing: now)
        model.dueOn = request.clock.dueOn(today: today).start
        model.stopped = request.clock.isStopped(today: today)
    }

    /// Seals the new progress; a row sealed before a key rotation has its other columns re-sealed under the new key,
    /// so all of them keep sharing the row's key.
    func reseal(_ model: SubjectAccessModel, progress: SubjectAccessProgress, within key: SymmetricKey?) throws {
        let id = try model.requireID()
        let sealed = try cipher.seal(progress, binding: "subject-access-progress:\(id)", within: key)
        if model.keyID != sealed.keyID {
            model.sealedDetails = try cipher.reseal(.init(keyID: model.keyID, box: model.sealedDetails), binding: "subject-access:\(id)").box
            model.sealedWorkspace = try model.sealedWorkspace.map {
                try cipher.reseal(.init(keyID: model.keyID, box: $0), binding: "subject-access-workspace:\(id)").box
            }
            model.sealedResponse = try model.sealedResponse.map {
                try cipher.reseal(.init(keyID: model.keyID, box: $0), binding: "subject-access-response:\(id)").box
            }
            model.keyID = sealed.keyID
        }
        model.sealedProgress = sealed.box
    }

    func open(_ model: SubjectAccessModel, within key: SymmetricKey?) throws -> SubjectAccessRequest {
        let id = try model.requireID()
        let details = try cipher.open(
            SubjectAccessDetails.self, .init(keyID: model.keyID, box: model.sealedDetails), binding: "subject-access:\(id)", within: key)
        let progress = try cipher.open(
            SubjectAccessProgress.self, .init(keyID: model.keyID, box: model.sealedProgress), binding: "subject-access-progress:\(id)", within: key)
        return SubjectAccessRequest(
            id: id, personID: model.personID, details: details, receivedOn: CalendarDay(containing: model.receivedOn), progress: progress,
            recordedBy: model.recordedBy, recordedAt: model.recordedAt, releasedAt: model.releasedAt)
    }

    static func target(_ id: UUID) -> String { "subject-access:\(Self.id(id))" }
    static func id(_ id: UUID) -> String { id.uuidString.lowercased() }
}
