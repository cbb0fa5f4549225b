import ConfidantCore
import FluentKit
import Foundation

/// Whom the records an audit page lists are about, from plain columns only: the person's kind and id for each
/// person, concern, share and task target. An auditor reads the log without reading case content, so the page shows
/// a pseudonym made from these ("Child 7F3A"), never a name.
public struct AuditSubjects: Sendable {
    let database: ConfidantDatabase

    public init(_ database: ConfidantDatabase) { self.database = database }

    /// `target` and the records made from it, whose views count as views of it: a concern's shares; a person's
    /// concerns and the shares of those.
    public func family(of target: String) async throws -> [String] {
        let parts = target.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let id = UUID(uuidString: String(parts[1])) else { return [target] }
        switch parts[0] {
        case "concern":
            let shares = try await ShareModel.query(on: database.database).filter(\.$concernID == id).all()
            return [target] + (try shares.map { "share:\(try $0.requireID().uuidString.lowercased())" })
        case "person":
            let concerns = try await ConcernModel.query(on: database.database).filter(\.$personID == id).all()
            let shares = try await ShareModel.query(on: database.database).filter(\.$personID == id).all()
            return [target] + (try concerns.map { "concern:\(try $0.requireID().uuidString.lowercased())" })
                + (try shares.map { "share:\(try $0.requireID().uuidString.lowercased())" })
        default:
            return [target]
        }
    }

    /// The people of `kind` whose record id starts with `prefix` (four hex characters, as a pseudonym shows them).
    /// The ids are compared here, not in SQL: SQLite and PostgreSQL store ids differently.
    public func people(kind: PersonKind, idPrefix prefix: String) async throws -> [UUID] {
        try await PersonModel.query(on: database.database).filter(\.$kind == kind.rawValue).field(\.$id).all()
            .compactMap(\.id).filter { $0.uuidString.hasPrefix(prefix.uppercased()) }
    }

    /// The person each of `targets` ("concern:<id>", "share:<id>", "task:<id>", "person:<id>") is about; other
    /// targets, and ids that match nothing, are left out.
    public func people(of targets: [String]) async throws -> [String: (kind: PersonKind, personID: UUID)] {
        var ids: [String: [UUID]] = [:]
        for target in Set(targets) {
            let parts = target.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let id = UUID(uuidString: String(parts[1])) else { continue }
            ids[String(parts[0]), default: []].append(id)
        }
        var personOf: [String: UUID] = [:]
        for model in try await ConcernModel.query(on: database.database).filter(\.$id ~~ (ids["concern"] ?? [])).all() {
            personOf["concern:\(try model.requireID().uuidString.lowercased())"] = model.personID
        }
        for model in try await ShareModel.query(on: database.database).filter(\.$id ~~ (ids["share"] ?? [])).all() {
            personOf["share:\(try model.requireID().uuidString.lowercased())"] = model.personID
        }
        for model in try await ShareTaskModel.query(on: database.database).filter(\.$id ~~ (ids["task"] ?? [])).all() {
            personOf["task:\(try model.requireID().uuidString.lowercased())"] = model.personID
        }
        for id in ids["person"] ?? [] { personOf["person:\(id.uuidString.lowercased())"] = id }
        let people = Set(personOf.values)
        var kinds: [UUID: PersonKind] = [:]
        for model in try await PersonModel.query(on: database.database).filter(\.$id ~~ Array(people)).all() {
            kinds[try model.requireID()] = try PersonKind.stored(model.kind, in: "people.kind")
        }
        var result: [String: (kind: PersonKind, personID: UUID)] = [:]
        for (target, person) in personOf {
            if let kind = kinds[person] { result[target] = (kind, person) }
        }
        return result
    }
}
