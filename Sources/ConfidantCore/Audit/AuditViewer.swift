/// One line of "who has seen this record": a user, when they first and last saw it, and how often.
///
/// Capability 8 of the product spec and docs/audit.md: on every person and concern a DSL can see each user who has
/// seen it and when; separation of duties means even a DSL's own reads are listed. The
/// store may compute the same in SQL (`GROUP BY actor` over the actions whose
/// `revealsCaseContent` is true); this pure version defines the answer the tests hold it to.
public struct AuditViewer: Hashable, Sendable {
    /// The user id (or `system`).
    public var actor: String
    /// When they first saw it, in milliseconds since the epoch.
    public var firstSeen: Int64
    /// When they last saw it.
    public var lastSeen: Int64
    /// How many events show them seeing it.
    public var count: Int
    /// The actions by which they saw it (`case_read`, `share_viewed`, `export`), sorted by word.
    public var actions: [AuditAction]

    /// Makes a viewer line.
    public init(actor: String, firstSeen: Int64, lastSeen: Int64, count: Int, actions: [AuditAction]) {
        self.actor = actor
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.count = count
        self.actions = actions
    }

    /// Everyone who saw `target` in `events`, in the order they first saw it (ties by actor).
    ///
    /// A page that showed several records (a search, a list) names them in its detail, so an event
    /// counts when its target is the record or its detail lists it.
    public static func viewers<Events: Sequence>(of target: String, in events: Events) -> [AuditViewer]
    where Events.Element == AuditEvent {
        viewers(ofAny: [target], in: events)
    }

    /// Everyone who saw any of `targets` (a concern and the shares made from it, say): an event that names several of
    /// them counts once.
    public static func viewers<Events: Sequence>(ofAny targets: Set<String>, in events: Events) -> [AuditViewer]
    where Events.Element == AuditEvent {
        var byActor: [String: AuditViewer] = [:]
        for event in events
        where event.action.revealsCaseContent && (targets.contains(event.target) || targets.contains { names($0, in: event.detail) }) {
            if var viewer = byActor[event.actor] {
                viewer.firstSeen = min(viewer.firstSeen, event.time)
                viewer.lastSeen = max(viewer.lastSeen, event.time)
                viewer.count += 1
                if !viewer.actions.contains(event.action) {
                    viewer.actions.append(event.action)
                    viewer.actions.sort { $0.rawValue < $1.rawValue }
                }
                byActor[event.actor] = viewer
            } else {
                byActor[event.actor] = AuditViewer(
                    actor: event.actor, firstSeen: event.time, lastSeen: event.time, count: 1, actions: [event.action])
            }
        }
        return byActor.values.sorted { ($0.firstSeen, $0.actor) < ($1.firstSeen, $1.actor) }
    }

    /// Whether a canonical detail object lists `target` as one of its strings.
    static func names(_ target: String, in detail: String) -> Bool {
        detail.contains("\"" + target + "\"")
    }
}
