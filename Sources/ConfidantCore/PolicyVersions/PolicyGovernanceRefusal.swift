/// Why an action on a policy version is refused, as a sentence the person can act on.
///
/// Web shows ``description`` as it is; each case says what stands in the way and who or what
/// can move it.
public enum PolicyGovernanceRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// Only the policy's owners (DSL, deputy DSL, manager) may do this; the role is the actor's.
    case notAnOwner(UserRole)
    /// Only a manager may approve or refuse publication; the role is the actor's.
    case notAManager(UserRole)
    /// A partner contact may comment only on a consultation that names them.
    case notANamedConsultee
    /// The version is published or superseded and can no longer change.
    case versionIsFinal(PolicyVersionStatus)
    /// The action needs the version to be open for consultation, and it is still a draft.
    case notOpenForConsultation
    /// Consultation can be opened only on a draft, and this version is already open for consultation.
    case alreadyOpenForConsultation
    /// A publication request is waiting for a manager, so the version is frozen for their review.
    case awaitingPublicationDecision
    /// Publication has already been requested and is waiting for a manager.
    case publicationAlreadyRequested
    /// No publication request is waiting, so there is nothing to withdraw, approve or refuse.
    case noPublicationRequest
    /// Comments are still open; each must be marked resolved before publication.
    case openComments(Int)
    /// Clauses name a section the text does not have; each must rest on a real section before publication.
    case ungroundedClauses(Int)
    /// The manager approving is the person who asked for publication: a second person must approve.
    case sameApproverAsRequester

    /// A sentence saying why the action is refused and what to do.
    public var description: String {
        switch self {
        case .notAnOwner(let role):
            "Only the designated safeguarding lead, a deputy or a manager can do this to a policy version, and your role is \(role.title.lowercased()). Ask one of them."
        case .notAManager(let role):
            "Only a manager or safeguarding trustee can approve or refuse the publication of a policy version, and your role is \(role.title.lowercased()). Ask a manager."
        case .notANamedConsultee:
            "This consultation does not name you, so you cannot comment on it. Ask the organisation's designated safeguarding lead to add you if you should be consulted."
        case .versionIsFinal(let status):
            "This version is \(status == .published ? "published" : "superseded") and can no longer change. Start a new draft from it to propose changes."
        case .notOpenForConsultation:
            "This version is still a draft. Open it for consultation first; comments, answers and publication requests come after that."
        case .alreadyOpenForConsultation:
            "This version is already open for consultation."
        case .awaitingPublicationDecision:
            "This version is waiting for a manager to approve or refuse its publication, so it cannot change or take comments now. Withdraw the publication request to make changes."
        case .publicationAlreadyRequested:
            "Publication of this version has already been requested and is waiting for a manager."
        case .noPublicationRequest:
            "No one has asked for this version to be published, so there is nothing to withdraw, approve or refuse. Ask for publication first."
        case .openComments(let count):
            count == 1
                ? "1 comment is still open. Answer it if you wish, and mark it resolved, before this version is published."
                : "\(PolicyDocument.grouped(count)) comments are still open. Answer them if you wish, and mark each one resolved, before this version is published."
        case .ungroundedClauses(let count):
            count == 1
                ? "1 clause names a section the policy text does not have. Change the clause's section or the text's heading so that they match before this version is published."
                : "\(PolicyDocument.grouped(count)) clauses name a section the policy text does not have. Change their sections or the text's headings so that they match before this version is published."
        case .sameApproverAsRequester:
            "You asked for this version to be published, so another manager must approve it. Publication needs two people."
        }
    }
}
