/// The engine's answer to a proposed share, in the contract's words.
public enum ShareOutcome: String, CaseIterable, Sendable, Codable {
    /// The share may go ahead now, in the form asked, with the obligations listed.
    case permit
    /// Only a DSL may decide; nothing identifying is shared until then.
    case escalate
    /// The policy does not allow this share.
    case deny
}
