import ConfidantCore
import Foundation
import Testing

@Suite("Accounts as the rest of the system sees them")
struct UserAccountTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test(
        "an account signs in only when neither disabled nor waiting for approval",
        arguments: [
            (false, false, true), (true, false, false), (false, true, false), (true, true, false),
        ])
    func canSignIn(disabled: Bool, awaiting: Bool, can: Bool) {
        let account = UserAccount(
            id: UUID(), name: "Sam", email: "sam@example.org", role: .staff, disabled: disabled,
            hasPassword: true, awaitingApproval: awaiting, createdAt: Self.now, updatedAt: Self.now)
        #expect(account.canSignIn == can)
    }

    @Test("an account is not waiting unless told, and survives JSON whole")
    func defaultsAndCoding() throws {
        let account = UserAccount(
            id: UUID(), name: "Dana Lead", email: "dana@example.org", role: .deputyDSL, disabled: false,
            hasPassword: false, createdAt: Self.now, updatedAt: Self.now.addingTimeInterval(5))
        #expect(!account.awaitingApproval)
        #expect(account.canSignIn)
        #expect(try JSONDecoder().decode(UserAccount.self, from: JSONEncoder().encode(account)) == account)
    }
}
