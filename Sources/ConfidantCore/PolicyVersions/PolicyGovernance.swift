/// Who may do what to a policy version, and what status it has afterwards.
///
/// A confidentiality policy binds everyone, so changing it is owned by the people accountable
/// for safeguarding (the DSL, a deputy, a manager), is consulted on, and is published only
/// when a manager other than the person who asked approves it. Everything these rules do not
/// allow is refused. The store calls ``check(_:by:on:)`` before it writes.
public enum PolicyGovernance {
    /// The roles that own the policy: they draft, consult on and request publication of versions.
    public static let ownerRoles: Set<UserRole> = [.dsl, .deputyDSL, .manager]

    /// Whether a role owns the policy.
    public static func isOwner(_ role: UserRole) -> Bool {
        ownerRoles.contains(role)
    }

    /// Throws the reason the action is refused; returns the status after the action.
    ///
    /// The caller records what the action changes besides the status: a publication request
    /// sets `publicationRequestedBy`, and withdrawing, refusing or approving clears it.
    public static func check(
        _ action: PolicyVersionAction, by actor: PolicyActor, on state: PolicyVersionState
    ) throws(PolicyGovernanceRefusal) -> PolicyVersionStatus {
        switch action {
        case .startNewDraft:
            try requireOwner(actor)
            return .draft
        case .edit:
            try requireOwner(actor)
            try requireNotFinal(state)
            try requireNoRequestWaiting(state)
            return state.status
        case .openConsultation:
            try requireOwner(actor)
            try requireNotFinal(state)
            guard state.status == .draft else { throw .alreadyOpenForConsultation }
            return .consultation
        case .comment(let isNamedConsultee):
            if actor.role == .partner && !isNamedConsultee { throw .notANamedConsultee }
            try requireConsultation(state)
            try requireNoRequestWaiting(state)
            return .consultation
        case .answerComment:
            try requireOwner(actor)
            try requireConsultation(state)
            try requireNoRequestWaiting(state)
            return .consultation
        case .requestPublication:
            try requireOwner(actor)
            try requireConsultation(state)
            guard state.publicationRequestedBy == nil else { throw .publicationAlreadyRequested }
            try requireReadyToPublish(state)
            return .consultation
        case .withdrawPublicationRequest:
            try requireOwner(actor)
            try requireConsultation(state)
            guard state.publicationRequestedBy != nil else { throw .noPublicationRequest }
            return .consultation
        case .approvePublication:
            try requireManager(actor)
            try requireConsultation(state)
            guard let requester = state.publicationRequestedBy else { throw .noPublicationRequest }
            guard requester != actor.id else { throw .sameApproverAsRequester }
            // Nothing can change while a request waits, but the conditions are checked again
            // at the moment of publication rather than trusted from the request.
            try requireReadyToPublish(state)
            return .published
        case .refusePublication:
            try requireManager(actor)
            try requireConsultation(state)
            guard state.publicationRequestedBy != nil else { throw .noPublicationRequest }
            return .consultation
        }
    }

    private static func requireOwner(_ actor: PolicyActor) throws(PolicyGovernanceRefusal) {
        guard isOwner(actor.role) else { throw .notAnOwner(actor.role) }
    }

    private static func requireManager(_ actor: PolicyActor) throws(PolicyGovernanceRefusal) {
        guard actor.role == .manager else { throw .notAManager(actor.role) }
    }

    private static func requireNotFinal(_ state: PolicyVersionState) throws(PolicyGovernanceRefusal) {
        if state.status.isFinal { throw .versionIsFinal(state.status) }
    }

    private static func requireConsultation(_ state: PolicyVersionState) throws(PolicyGovernanceRefusal) {
        try requireNotFinal(state)
        guard state.status == .consultation else { throw .notOpenForConsultation }
    }

    private static func requireNoRequestWaiting(_ state: PolicyVersionState) throws(PolicyGovernanceRefusal) {
        guard state.publicationRequestedBy == nil else { throw .awaitingPublicationDecision }
    }

    private static func requireReadyToPublish(_ state: PolicyVersionState) throws(PolicyGovernanceRefusal) {
        guard state.openComments <= 0 else { throw .openComments(state.openComments) }
        guard state.ungroundedClauses <= 0 else { throw .ungroundedClauses(state.ungroundedClauses) }
    }
}
