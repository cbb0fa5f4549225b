/// The content of an event that is about to be appended: everything but its place in the chain.
public struct AuditEntry: Hashable, Sendable {
    /// When it happened, in milliseconds since 1970-01-01T00:00:00Z (passed in by the caller, never read from a clock here).
    public var time: Int64
    /// The user id of whoever acted, or `AuditEvent.systemActor` / `AuditEvent.anonymousActor`.
    public var actor: String
    /// What was done.
    public var action: AuditAction
    /// What it was done to, as `kind:id`, or empty.
    public var target: String
    /// Identifiers and field names only, never case content.
    public var detail: AuditDetail

    /// Makes an entry; `detail` defaults to the empty object.
    public init(time: Int64, actor: String, action: AuditAction, target: String, detail: AuditDetail = AuditDetail()) {
        self.time = time
        self.actor = actor
        self.action = action
        self.target = target
        self.detail = detail
    }
}
