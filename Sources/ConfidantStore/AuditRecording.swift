import ConfidantCore
import Foundation

/// How the store names people and things in the audit log.
public enum AuditName {
    /// The actor for a signed-in person: their account id.
    public static func user(_ id: UUID) -> String { id.uuidString.lowercased() }
    /// The actor for the command line and background work.
    public static let system = AuditEvent.systemActor
    /// The actor when nobody is signed in.
    public static let anonymous = AuditEvent.anonymousActor
    /// The actor for a partner contact without an account, who opened a share with a one-time code.
    public static func contact(_ id: UUID) -> String { "contact:" + user(id) }
    /// The target for an account.
    public static func account(_ id: UUID) -> String { "user:" + user(id) }
}

extension AuditEntry {
    /// An entry at `now` (milliseconds since 1970, as the log stores time).
    static func at(
        _ now: Date, actor: String, _ action: AuditAction, target: String, _ detail: [String: AuditDetail.Value] = [:]
    ) -> AuditEntry {
        AuditEntry(time: AuditClock.milliseconds(now), actor: actor, action: action, target: target, detail: AuditDetail(detail))
    }
}

/// Converts between the clock the application passes and the log's milliseconds.
public enum AuditClock {
    public static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    public static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
}
