import ConfidantCore
import ConfidantStore
import Foundation

/// How an audit page names what its events are about: accounts by their holder's name, records by what they are and
/// a pseudonym for the person they concern ("a concern about Child 7F3A"), pages and other things in words. Names of
/// the people records are about are never looked up: the auditor does not read case content.
struct AuditTargetWords: Sendable {
    let users: [String: String]
    /// Each account's email address, for lists where two people of one name must be told apart.
    let emails: [String: String]
    let subjects: [String: (kind: PersonKind, personID: UUID)]

    /// The kinds of target that are records, each with "who has seen this".
    static let recordKinds: Set<String> = ["person", "concern", "share", "task"]

    /// The names and subjects `events` need: their targets and the records their details list.
    static func load(for events: [AuditEvent], environment: WebEnvironment) async throws -> AuditTargetWords {
        var targets = events.map(\.target)
        for event in events where event.detail.contains(":") { targets += recordTargets(in: event.detail) }
        return try await load(targets: targets, environment: environment)
    }

    /// The names and subjects for these targets.
    static func load(targets: [String], environment: WebEnvironment) async throws -> AuditTargetWords {
        var users: [String: String] = [:]
        var emails: [String: String] = [:]
        for user in try await environment.users.all() {
            users[AuditName.user(user.id)] = user.name
            emails[AuditName.user(user.id)] = user.email
        }
        return AuditTargetWords(users: users, emails: emails, subjects: try await AuditSubjects(environment.database).people(of: targets))
    }

    /// The record targets ("concern:<uuid>") a detail names.
    static func recordTargets(in detail: String) -> [String] {
        var found: [String] = []
        for piece in detail.split(whereSeparator: { $0 == "\"" }) {
            let parts = piece.split(separator: ":", maxSplits: 1)
            if parts.count == 2, recordKinds.contains(String(parts[0])), parts[1].count == 36 { found.append(String(piece)) }
        }
        return found
    }

    func isRecord(_ target: String) -> Bool {
        guard let kind = target.split(separator: ":", maxSplits: 1).first else { return false }
        return Self.recordKinds.contains(String(kind)) && target.count > kind.count + 1
    }

    /// Who did it: the account holder's name, or the system, or what the log holds.
    func actor(_ id: String) -> String {
        if let name = users[id] { return name }
        switch id {
        case AuditName.system: return "Confidant"
        case AuditName.anonymous: return "Someone not signed in"
        default: return id
        }
    }

    /// A value in an event's detail: an account's holder, a record in words, anything else as written (an email
    /// address stays as it was typed).
    func describeValue(_ value: String) -> String {
        if let name = users[value] { return name }
        // Anything named as "kind:<id>" (a record, an account, an agency contact) is named as the log names targets.
        let parts = value.split(separator: ":", maxSplits: 1)
        if parts.count == 2, UUID(uuidString: String(parts[1])) != nil || isRecord(value) { return describe(value) }
        // An id of something that is not a person's record (an agency, a version): a person needs no number.
        if UUID(uuidString: value) != nil { return "one of Confidant's records" }
        // A vocabulary word ("significant_harm") in words; anything else (an address, a label) as it was written.
        if value.contains("_"), value.allSatisfy({ $0 == "_" || ($0.isLetter && $0.isLowercase) }) { return AuditWording.words(value) }
        return value
    }

    /// Who did it, with their address: "Dana Lead <dana@example.org>".
    func actorWithEmail(_ id: String) -> String {
        emails[id].map { "\(actor(id)) <\($0)>" } ?? actor(id)
    }

    /// What an event's target is, in words.
    func describe(_ target: String) -> String {
        if let name = users[target] { return name }
        let parts = target.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            switch target {
            case "": return "nothing named"
            case "audit_log": return "the audit log"
            default: return target
            }
        }
        let (kind, rest) = (parts[0], parts[1])
        let about = subjects[target].map { $0.kind.pseudonym(for: $0.personID) }
        switch kind {
        case "person": return about.map { "the record of \($0)" } ?? "a person's record"
        case "concern": return about.map { "a concern about \($0)" } ?? "a concern"
        case "share": return about.map { "a share about \($0)" } ?? "a share"
        case "task": return about.map { "an inform and involve task about \($0)" } ?? "an inform and involve task"
        case "advice": return "an advice question"
        case "agency": return "a partner agency"
        case "contact": return "a partner agency contact"
        case "policy": return "the confidentiality policy"
        case "people": return "the people directory"
        case "page": return "the \(AuditWording.words(rest).lowercased()) page"
        case "email": return "an email address"
        case "user", "account": return users[rest] ?? "an account"
        case "addendum": return "an addendum"
        case "decision": return "a triage decision"
        case "closure": return "a case closure"
        case "outbox": return "an email"
        case "code": return "an access code"
        case "pair": return "a possible duplicate"
        case "digest": return "a daily digest"
        default:
            // Something else named by an id: what it is, without the id.
            return UUID(uuidString: rest) != nil ? "a \(AuditWording.words(kind).lowercased()) record" : target
        }
    }

    /// The event as a sentence: "Dana Lead opened a concern about Child 7F3A".
    func sentence(_ event: AuditEvent) -> String {
        AuditWording.sentence(actor: actor(event.actor), action: event.action, target: describe(event.target))
    }
}
