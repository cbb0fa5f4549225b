/// Something a person may ask to do to a policy version.
///
/// A closed list, so every action can be checked against every status and role (the tests do).
public enum PolicyVersionAction: Hashable, Sendable {
    /// Change the text, the clauses or the label.
    case edit
    /// Open a draft for consultation.
    case openConsultation
    /// Comment during consultation. `isNamedConsultee`: for a partner contact, whether the
    /// consultation names them (other roles may comment whatever it says).
    case comment(isNamedConsultee: Bool)
    /// Answer and/or resolve a comment.
    case answerComment
    /// Ask a manager to publish the version.
    case requestPublication
    /// Take back a waiting publication request.
    case withdrawPublicationRequest
    /// Publish the version (a manager other than the one who asked).
    case approvePublication
    /// Refuse a waiting publication request; the version stays open for consultation.
    case refusePublication
    /// Copy this version into a new draft.
    case startNewDraft
}
