/// The role of the person asking to share, in the contract's words.
///
/// The web application maps its `deputy_dsl` role to `dsl` before asking the engine.
public enum Requester: String, CaseIterable, Sendable, Codable {
    /// A member of staff or volunteer.
    case staff
    /// The designated safeguarding lead (or a deputy).
    case dsl
    /// A manager or safeguarding trustee (oversight role).
    case manager
    /// An administrator: accounts and settings, never case content (contract rule 10).
    case admin
    /// An auditor: integrity checks, never case content (contract rule 10).
    case auditor
    /// A contact at a partner agency.
    case partner
}
