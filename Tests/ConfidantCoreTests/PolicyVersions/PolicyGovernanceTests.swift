import Foundation
import Testing

@testable import ConfidantCore

@Suite("Policy versions: who may do what")
struct PolicyGovernanceTests {
    // MARK: The specification

    static let owners: Set<UserRole> = [.dsl, .deputyDSL, .manager]
    static let managers: Set<UserRole> = [.manager]
    static let everyone = Set(UserRole.allCases)
    static let everyoneButPartners = everyone.subtracting([.partner])
    static let open: Set<PolicyVersionStatus> = [.draft, .consultation]
    static let consultation: Set<PolicyVersionStatus> = [.consultation]
    static let anyStatus = Set(PolicyVersionStatus.allCases)

    /// What must hold of the version's request, comments and clauses.
    enum Condition {
        /// Nothing further.
        case always
        /// No publication request is waiting.
        case noRequestWaiting
        /// A publication request is waiting.
        case requestWaiting
        /// No request is waiting, no comment is open and every clause is grounded.
        case readyToRequest
        /// Someone other than the actor asked, no comment is open and every clause is grounded.
        case requestedBySomeoneElseAndReady

        func holds(_ state: PolicyVersionState, actor: PolicyActor) -> Bool {
            let ready = state.openComments == 0 && state.ungroundedClauses == 0
            switch self {
            case .always: return true
            case .noRequestWaiting: return state.publicationRequestedBy == nil
            case .requestWaiting: return state.publicationRequestedBy != nil
            case .readyToRequest: return state.publicationRequestedBy == nil && ready
            case .requestedBySomeoneElseAndReady:
                return state.publicationRequestedBy != nil && state.publicationRequestedBy != actor.id && ready
            }
        }
    }

    /// The status after an allowed action.
    enum After {
        case unchanged
        case becomes(PolicyVersionStatus)
    }

    /// One thing that is allowed. Anything no row allows is refused.
    struct Row {
        let action: PolicyVersionAction
        let statuses: Set<PolicyVersionStatus>
        let roles: Set<UserRole>
        let condition: Condition
        let after: After
    }

    /// Everything that is allowed; the rest is refused.
    static let allowed: [Row] = [
        //   action                                   on statuses    by roles              when                              status after
        Row(action: .edit, statuses: open, roles: owners, condition: .noRequestWaiting, after: .unchanged),
        Row(action: .openConsultation, statuses: [.draft], roles: owners, condition: .always, after: .becomes(.consultation)),
        Row(
            action: .comment(isNamedConsultee: false), statuses: consultation, roles: everyoneButPartners, condition: .noRequestWaiting,
            after: .unchanged),
        Row(action: .comment(isNamedConsultee: true), statuses: consultation, roles: everyone, condition: .noRequestWaiting, after: .unchanged),
        Row(action: .answerComment, statuses: consultation, roles: owners, condition: .noRequestWaiting, after: .unchanged),
        Row(action: .requestPublication, statuses: consultation, roles: owners, condition: .readyToRequest, after: .unchanged),
        Row(action: .withdrawPublicationRequest, statuses: consultation, roles: owners, condition: .requestWaiting, after: .unchanged),
        Row(
            action: .approvePublication, statuses: consultation, roles: managers, condition: .requestedBySomeoneElseAndReady,
            after: .becomes(.published)),
        Row(action: .refusePublication, statuses: consultation, roles: managers, condition: .requestWaiting, after: .becomes(.consultation)),
        Row(action: .startNewDraft, statuses: anyStatus, roles: owners, condition: .always, after: .becomes(.draft)),
    ]

    static let actions: [PolicyVersionAction] = [
        .edit, .openConsultation, .comment(isNamedConsultee: false), .comment(isNamedConsultee: true), .answerComment,
        .requestPublication, .withdrawPublicationRequest, .approvePublication, .refusePublication, .startNewDraft,
    ]

    static let actorID = UUID(uuidString: "00000000-0000-0000-0000-00000000000A") ?? UUID()
    static let otherID = UUID(uuidString: "00000000-0000-0000-0000-00000000000B") ?? UUID()

    /// Every state worth telling apart: each status, no request / one by the actor / one by
    /// someone else, comments open or not, clauses grounded or not.
    static let states: [PolicyVersionState] = PolicyVersionStatus.allCases.flatMap { status in
        [nil, actorID, otherID].flatMap { requester in
            [0, 2].flatMap { comments in
                [0, 1].map { ungrounded in
                    PolicyVersionState(
                        status: status, publicationRequestedBy: requester,
                        openComments: comments, ungroundedClauses: ungrounded)
                }
            }
        }
    }

    /// What the specification expects: the status after, or nil for a refusal.
    static func expected(_ action: PolicyVersionAction, by actor: PolicyActor, on state: PolicyVersionState) -> PolicyVersionStatus? {
        let row = allowed.first {
            $0.action == action && $0.statuses.contains(state.status) && $0.roles.contains(actor.role)
                && $0.condition.holds(state, actor: actor)
        }
        guard let row else { return nil }
        switch row.after {
        case .unchanged: return state.status
        case .becomes(let status): return status
        }
    }

    /// The rules' answer as a result.
    static func outcome(
        _ action: PolicyVersionAction, by actor: PolicyActor, on state: PolicyVersionState
    )
        -> Result<PolicyVersionStatus, PolicyGovernanceRefusal>
    {
        Result { () throws(PolicyGovernanceRefusal) -> PolicyVersionStatus in
            try PolicyGovernance.check(action, by: actor, on: state)
        }
    }

    @Test("Every action, by every role, on every state, is allowed exactly when the specification says", arguments: UserRole.allCases)
    func exhaustive(role: UserRole) {
        let actor = PolicyActor(id: Self.actorID, role: role)
        var allowedCount = 0
        for action in Self.actions {
            for state in Self.states {
                let expected = Self.expected(action, by: actor, on: state)
                switch Self.outcome(action, by: actor, on: state) {
                case .success(let status):
                    allowedCount += 1
                    #expect(status == expected, "\(action) by \(role) on \(state): allowed, giving \(status)")
                case .failure(let refusal):
                    #expect(expected == nil, "\(action) by \(role) on \(state): refused (\(refusal)), expected \(String(describing: expected))")
                    #expect(refusal.description.hasSuffix("."), "\(refusal)")
                }
            }
        }
        // Staff, administrators and auditors may only comment (both forms, on the 4 consultation
        // states without a request); partner contacts only when named.
        switch role {
        case .staff, .admin, .auditor: #expect(allowedCount == 8)
        case .partner: #expect(allowedCount == 4)
        case .dsl, .deputyDSL, .manager: #expect(allowedCount > 8)
        }
    }

    @Test("The specification covers every action and every role somewhere")
    func specificationIsComplete() {
        #expect(Set(Self.allowed.map(\.action)) == Set(Self.actions))
        #expect(Self.allowed.reduce(Set<UserRole>()) { $0.union($1.roles) } == Self.everyone)
        #expect(PolicyGovernance.ownerRoles == Self.owners)
        #expect(UserRole.allCases.filter(PolicyGovernance.isOwner) == [.dsl, .deputyDSL, .manager])
    }

    // MARK: The reasons given

    static func actor(_ role: UserRole, _ id: UUID = actorID) -> PolicyActor { PolicyActor(id: id, role: role) }

    @Test("The manager who asked for publication cannot approve it; another manager can")
    func secondApprover() throws {
        let state = PolicyVersionState(status: .consultation, publicationRequestedBy: Self.actorID, openComments: 0, ungroundedClauses: 0)
        #expect(throws: PolicyGovernanceRefusal.sameApproverAsRequester) {
            try PolicyGovernance.check(.approvePublication, by: Self.actor(.manager), on: state)
        }
        #expect(try PolicyGovernance.check(.approvePublication, by: Self.actor(.manager, Self.otherID), on: state) == .published)
        // A DSL who is not a manager cannot approve at all.
        #expect(throws: PolicyGovernanceRefusal.notAManager(.dsl)) {
            try PolicyGovernance.check(.approvePublication, by: Self.actor(.dsl, Self.otherID), on: state)
        }
    }

    @Test(
        "Refusals name the obstacle",
        arguments: [
            (PolicyVersionAction.edit, UserRole.staff, PolicyVersionState(status: .draft), PolicyGovernanceRefusal.notAnOwner(.staff)),
            (.edit, .dsl, PolicyVersionState(status: .published), .versionIsFinal(.published)),
            (.edit, .dsl, PolicyVersionState(status: .superseded), .versionIsFinal(.superseded)),
            (.edit, .manager, PolicyVersionState(status: .consultation, publicationRequestedBy: otherID), .awaitingPublicationDecision),
            (.openConsultation, .dsl, PolicyVersionState(status: .consultation), .alreadyOpenForConsultation),
            (.comment(isNamedConsultee: false), .partner, PolicyVersionState(status: .consultation), .notANamedConsultee),
            (.comment(isNamedConsultee: true), .staff, PolicyVersionState(status: .draft), .notOpenForConsultation),
            (.comment(isNamedConsultee: false), .staff, PolicyVersionState(status: .published), .versionIsFinal(.published)),
            (
                .comment(isNamedConsultee: false), .staff, PolicyVersionState(status: .consultation, publicationRequestedBy: otherID),
                .awaitingPublicationDecision
            ),
            (.answerComment, .auditor, PolicyVersionState(status: .consultation), .notAnOwner(.auditor)),
            (.requestPublication, .deputyDSL, PolicyVersionState(status: .consultation, openComments: 2), .openComments(2)),
            (.requestPublication, .deputyDSL, PolicyVersionState(status: .consultation, ungroundedClauses: 3), .ungroundedClauses(3)),
            (.requestPublication, .dsl, PolicyVersionState(status: .consultation, publicationRequestedBy: otherID), .publicationAlreadyRequested),
            (.requestPublication, .dsl, PolicyVersionState(status: .draft), .notOpenForConsultation),
            (.withdrawPublicationRequest, .dsl, PolicyVersionState(status: .consultation), .noPublicationRequest),
            (.approvePublication, .manager, PolicyVersionState(status: .consultation), .noPublicationRequest),
            (
                .approvePublication, .manager, PolicyVersionState(status: .consultation, publicationRequestedBy: otherID, openComments: 1),
                .openComments(1)
            ),
            (.refusePublication, .deputyDSL, PolicyVersionState(status: .consultation, publicationRequestedBy: otherID), .notAManager(.deputyDSL)),
            (.startNewDraft, .admin, PolicyVersionState(status: .published), .notAnOwner(.admin)),
        ])
    func refusalReasons(action: PolicyVersionAction, role: UserRole, state: PolicyVersionState, refusal: PolicyGovernanceRefusal) {
        #expect(throws: refusal) { try PolicyGovernance.check(action, by: Self.actor(role), on: state) }
    }

    @Test("Refusals read as sentences that say what to do")
    func refusalDescriptions() {
        #expect(PolicyGovernanceRefusal.openComments(1).description.hasPrefix("1 comment is still open."))
        #expect(PolicyGovernanceRefusal.openComments(3).description.hasPrefix("3 comments are still open."))
        #expect(PolicyGovernanceRefusal.notAnOwner(.staff).description.contains("your role is staff member"))
        #expect(PolicyGovernanceRefusal.versionIsFinal(.published).description.contains("Start a new draft"))
        #expect(PolicyGovernanceRefusal.sameApproverAsRequester.description.contains("another manager"))
    }

    @Test("Statuses have titles for pages")
    func statusTitles() {
        #expect(PolicyVersionStatus.allCases.map(\.title) == ["Draft", "Open for consultation", "Published (current)", "Superseded"])
        #expect(PolicyVersionStatus.allCases.map(\.rawValue) == ["draft", "consultation", "published", "superseded"])
    }
}
