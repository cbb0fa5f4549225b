import ConfidantCore
import FluentKit
import Foundation

/// Advice requests: the caller de-identifies the text; the store seals it and logs each step.
public struct AdviceStore: Sendable {
    let database: ConfidantDatabase
    let cipher: FieldCipher
    /// Who is told of a question asked and answered; nil where nobody is (the command line, store tests).
    let notices: NoticeBoard?

    public init(_ database: ConfidantDatabase, cipher: FieldCipher, notices: NoticeBoard? = nil) {
        self.database = database
        self.cipher = cipher
        self.notices = notices
    }

    /// Stores an already de-identified question.
    public func ask(_ question: String, by asker: UUID, now: Date) async throws -> AdviceRequest {
        let request = AdviceRequest(id: UUID(), askerID: asker, question: question, askedAt: now)
        let sealed = try cipher.seal(question, binding: "advice:\(request.id)")
        try await database.database.transaction { db in
            let model = AdviceRequestModel()
            model.id = request.id
            model.askerID = asker
            model.keyID = sealed.keyID
            model.sealedQuestion = sealed.box
            model.askedAt = now
            try await model.create(on: db)
            try await AuditLogStore.append(
                .at(now, actor: AuditName.user(asker), .recordCreated, target: "advice:\(request.id.uuidString.lowercased())"), on: db)
            try await notices?.postToLeads(
                Notice(.adviceQuestion, target: "advice:\(request.id.uuidString.lowercased())", path: "/advice"), now: now, on: db)
        }
        return request
    }

    /// Stores an already de-identified answer to an unanswered request.
    public func answer(_ id: UUID, with answer: String, by lead: UUID, now: Date) async throws {
        try await database.database.transaction { db in
            // Answered once: a second lead answering at the same moment is told who answered first, not "saved".
            try await db.lockForUpdate(AdviceRequestModel.schema, id: id)
            guard let model = try await AdviceRequestModel.find(id, on: db) else { throw RecordError.notFound }
            guard model.answeredAt == nil else {
                throw try await AlreadyDecided.make(.answered, by: model.answeredBy, at: model.answeredAt, on: db)
            }
            // A row's sealed columns share its key id: a question sealed before a key rotation is
            // re-sealed under the current key with its answer (docs/security.md, "Keys").
            if model.keyID != cipher.currentKeyID {
                let question = try cipher.reseal(.init(keyID: model.keyID, box: model.sealedQuestion), binding: "advice:\(id)")
                model.keyID = question.keyID
                model.sealedQuestion = question.box
            }
            model.sealedAnswer = try cipher.seal(answer, binding: "advice-answer:\(id)").box
            model.answeredBy = lead
            model.answeredAt = now
            try await model.save(on: db)
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.user(lead), .recordCreated, target: "advice:\(id.uuidString.lowercased())",
                    ["answered": .bool(true)]), on: db)
            try await notices?.post(
                Notice(.adviceAnswered, target: "advice:\(id.uuidString.lowercased())", path: "/advice"), toUser: model.askerID, now: now,
                on: db)
        }
    }

    /// The requests `asker` made, newest first.
    public func asked(by asker: UUID) async throws -> [AdviceRequest] {
        try await AdviceRequestModel.query(on: database.database).filter(\.$askerID == asker)
            .sort(\.$askedAt, .descending).all().map(open)
    }

    /// Every request, unanswered first then newest: what safeguarding leads see.
    public func all() async throws -> [AdviceRequest] {
        try await AdviceRequestModel.query(on: database.database).sort(\.$askedAt, .descending).all().map(open)
            .sorted { ($0.answeredAt == nil ? 0 : 1, $1.askedAt) < ($1.answeredAt == nil ? 0 : 1, $0.askedAt) }
    }

    func open(_ model: AdviceRequestModel) throws -> AdviceRequest {
        let id = try model.requireID()
        let question = try cipher.open(String.self, .init(keyID: model.keyID, box: model.sealedQuestion), binding: "advice:\(id)")
        let answer = try model.sealedAnswer.map {
            try cipher.open(String.self, .init(keyID: model.keyID, box: $0), binding: "advice-answer:\(id)")
        }
        return AdviceRequest(
            id: id, askerID: model.askerID, question: question, answer: answer, answeredBy: model.answeredBy,
            askedAt: model.askedAt, answeredAt: model.answeredAt)
    }
}

extension RecordStore {
    /// Every person in the records as the redactor knows them (names are opened here, never stored in the clear).
    public func knownPeople() async throws -> [KnownPerson] {
        try await allPeople().map(\.knownPerson)
    }
}
