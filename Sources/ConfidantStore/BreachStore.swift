import ConfidantCore
import FluentKit
import Foundation

/// The breach register: possible personal data breaches and the decisions recorded on them (UK GDPR Art. 33 and 34).
///
/// What happened and the decisions are sealed like case content: they describe people. A breach reported from a share
/// revokes that share's link in the same transaction, so a mis-sent share stops being readable the moment it is
/// reported. Reporting tells the safeguarding leads at once; every report and decision is in the audit log.
public struct BreachStore: Sendable {
    let database: ConfidantDatabase
    let cipher: FieldCipher
    let notices: NoticeBoard?

    public init(_ database: ConfidantDatabase, cipher: FieldCipher, notices: NoticeBoard? = nil) {
        self.database = database
        self.cipher = cipher
        self.notices = notices
    }

    /// Records `report` by `user`; from a share, revokes its link (if it is still open) and names it in the register.
    public func report(_ report: BreachReport, by user: UUID, fromShare shareID: UUID? = nil, now: Date) async throws -> Breach {
        let id = UUID()
        let sealed = try cipher.seal(report, binding: "breach:\(id)")
        try await database.database.transaction { db in
            if let shareID {
                try await db.lockForUpdate(ShareModel.schema, id: shareID)
                guard let share = try await ShareModel.find(shareID, on: db) else { throw RecordError.notFound }
                if share.status == ShareStatus.shared.rawValue, share.revokedAt == nil {
                    share.revokedAt = now
                    try await share.save(on: db)
                    try await AuditLogStore.append(
                        .at(
                            now, actor: AuditName.user(user), .shareRevoked, target: "share:\(Self.id(shareID))", ["why": .string("possible_breach")]),
                        on: db)
                }
            }
            let model = BreachModel()
            model.id = id
            model.reportedBy = user
            model.reportedAt = now
            model.discoveredAt = report.discoveredAt
            model.shareID = shareID
            model.keyID = sealed.keyID
            model.sealedReport = sealed.box
            try await model.create(on: db)
            var detail: [String: AuditDetail.Value] = [:]
            if let shareID { detail["share"] = .string("share:\(Self.id(shareID))") }
            try await AuditLogStore.append(.at(now, actor: AuditName.user(user), .breachReported, target: "breach:\(Self.id(id))", detail), on: db)
            try await notices?.postToLeads(
                Notice(.possibleBreach, target: "breach:\(Self.id(id))", path: "/breaches/\(id)", urgent: true), now: now, on: db)
        }
        return Breach(id: id, report: report, reportedBy: user, reportedAt: now, shareID: shareID, decisions: BreachDecisions())
    }

    /// Every breach, the most recently found first. The caller logs the register's read.
    public func breaches() async throws -> [Breach] {
        try await BreachModel.query(on: database.database).sort(\.$discoveredAt, .descending).all().map(open)
    }

    /// One breach, without logging (the caller logs its read).
    public func breach(_ id: UUID) async throws -> Breach? {
        try await BreachModel.find(id, on: database.database).map(open)
    }

    /// Records a decision: `change` gets the decisions as they stand (read with the row locked, so two leads deciding
    /// at once each build on the other's) and answers the new ones, or the problems with the form.
    public func decide(
        _ id: UUID, part: String, by user: UUID, now: Date,
        _ change: @escaping @Sendable (Breach) -> Result<BreachDecisions, FormProblems>
    ) async throws -> Result<Breach, FormProblems> {
        try await database.database.transaction { db in
            try await db.lockForUpdate(BreachModel.schema, id: id)
            guard let model = try await BreachModel.find(id, on: db) else { throw RecordError.notFound }
            let breach = try open(model)
            let decisions: BreachDecisions
            switch change(breach) {
            case .failure(let problems): return .failure(problems)
            case .success(let changed): decisions = changed
            }
            // Both sealed columns share the row's key: a report sealed before a key rotation is re-sealed with it.
            let sealed = try cipher.seal(decisions, binding: "breach-decisions:\(id)")
            if model.keyID != sealed.keyID {
                model.sealedReport = try cipher.reseal(.init(keyID: model.keyID, box: model.sealedReport), binding: "breach:\(id)").box
                model.keyID = sealed.keyID
            }
            model.sealedDecisions = sealed.box
            try await model.save(on: db)
            try await AuditLogStore.append(
                .at(now, actor: AuditName.user(user), .breachDecided, target: "breach:\(Self.id(id))", ["part": .string(part)]), on: db)
            return .success(
                Breach(
                    id: id, report: breach.report, reportedBy: breach.reportedBy, reportedAt: breach.reportedAt, shareID: breach.shareID,
                    decisions: decisions))
        }
    }

    func open(_ model: BreachModel) throws -> Breach {
        let id = try model.requireID()
        let report = try cipher.open(BreachReport.self, .init(keyID: model.keyID, box: model.sealedReport), binding: "breach:\(id)")
        let decisions = try model.sealedDecisions.map {
            try cipher.open(BreachDecisions.self, .init(keyID: model.keyID, box: $0), binding: "breach-decisions:\(id)")
        }
        return Breach(
            id: id, report: report, reportedBy: model.reportedBy, reportedAt: model.reportedAt, shareID: model.shareID,
            decisions: decisions ?? BreachDecisions())
    }

    static func id(_ id: UUID) -> String { id.uuidString.lowercased() }
}
