import ConfidantCore
import Foundation
import Testing

@Suite("Requests for roles that read cases")
struct AccessRequestTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let account = UserAccount(
        id: UUID(), name: "Pat Partner", email: "pat@example.org", role: .staff, disabled: false,
        hasPassword: false, awaitingApproval: true, createdAt: now, updatedAt: now)

    @Test("a request keeps who asked for what, and its decision when there is one")
    func request() {
        let id = UUID(), requester = UUID(), lead = UUID()
        let waiting = AccessRequest(
            id: id, account: Self.account, role: .partner, requestedBy: "admin@example.org",
            requesterID: requester, requestedAt: Self.now, decision: nil)
        #expect(waiting.id == id && waiting.account == Self.account && waiting.role == .partner)
        #expect(waiting.requestedBy == "admin@example.org" && waiting.requesterID == requester && waiting.requestedAt == Self.now)
        #expect(waiting.decision == nil)
        let decision = AccessRequest.Decision(approved: false, by: lead, at: Self.now.addingTimeInterval(60), reason: "Not a partner")
        #expect(!decision.approved && decision.by == lead && decision.at == Self.now.addingTimeInterval(60) && decision.reason == "Not a partner")
        let decided = AccessRequest(
            id: id, account: Self.account, role: .partner, requestedBy: "admin@example.org",
            requesterID: requester, requestedAt: Self.now, decision: decision)
        #expect(decided != waiting)
        // From the command line there is no requesting account.
        let fromCommandLine = AccessRequest(
            id: id, account: Self.account, role: .dsl, requestedBy: "system", requesterID: nil,
            requestedAt: Self.now, decision: nil)
        #expect(fromCommandLine.requesterID == nil)
    }

    @Test("a grant is either the account now or the request that waits")
    func grant() {
        let request = AccessRequest(
            id: UUID(), account: Self.account, role: .auditor, requestedBy: "system", requesterID: nil,
            requestedAt: Self.now, decision: nil)
        #expect(RoleGrant.granted(Self.account) == .granted(Self.account))
        #expect(RoleGrant.waiting(request) == .waiting(request))
        #expect(RoleGrant.granted(Self.account) != .waiting(request))
        var other = Self.account
        other.role = .manager
        #expect(RoleGrant.granted(Self.account) != .granted(other))
    }
}
