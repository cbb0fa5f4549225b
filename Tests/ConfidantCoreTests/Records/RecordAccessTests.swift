import ConfidantCore
import Foundation
import Testing

@Suite("Who may read records: every role against every relation to the record")
struct RecordAccessTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func account(_ role: UserRole, disabled: Bool = false) -> UserAccount {
        UserAccount(
            id: UUID(), name: "Someone", email: "someone@example.org", role: role, disabled: disabled, hasPassword: true,
            createdAt: now, updatedAt: now)
    }

    /// For each role: may they read a concern they wrote, and one someone else wrote (the specification's table).
    static let concernTable: [(UserRole, own: Bool, others: Bool)] = [
        (.staff, true, false),
        (.dsl, true, true),
        (.deputyDSL, true, true),
        (.manager, false, false),
        (.admin, false, false),
        (.auditor, false, false),
        (.partner, false, false),
    ]

    @Test("the table covers every role")
    func tableIsComplete() {
        #expect(Set(Self.concernTable.map(\.0)) == Set(UserRole.allCases))
        #expect(Self.concernTable.count == UserRole.allCases.count)
    }

    @Test("a concern: staff read their own, leads read all, nobody else reads any", arguments: concernTable)
    func concern(role: UserRole, own: Bool, others: Bool) {
        let user = Self.account(role)
        #expect(RecordAccess.canRead(concernBy: user.id, user: user) == own)
        #expect(RecordAccess.canRead(concernBy: UUID(), user: user) == others)
    }

    @Test("a disabled account reads nothing, not even its own", arguments: UserRole.allCases)
    func disabled(role: UserRole) {
        let user = Self.account(role, disabled: true)
        #expect(!RecordAccess.canRead(concernBy: user.id, user: user))
        #expect(!RecordAccess.canRead(concernBy: UUID(), user: user))
        #expect(!RecordAccess.canRead(personCreatedBy: user.id, concernAuthors: [user.id], user: user))
        #expect(!RecordAccess.canRead(personCreatedBy: UUID(), concernAuthors: [], user: user))
    }

    enum Relation: String, CaseIterable, Sendable {
        case createdThePerson, wroteAConcern, both, wroteAmongOthers, none, nobodyWroteAnything
    }

    /// Who may read a person's record, by how they relate to it.
    static func personExpected(_ role: UserRole, _ relation: Relation) -> Bool {
        switch role {
        case .dsl, .deputyDSL: true
        case .staff: relation != .none && relation != .nobodyWroteAnything
        case .manager, .admin, .auditor, .partner: false
        }
    }

    @Test(
        "a person: staff who created them or wrote about them may read; leads always; others never",
        arguments: UserRole.allCases, Relation.allCases)
    func person(role: UserRole, relation: Relation) {
        let user = Self.account(role)
        let someone = UUID(), other = UUID()
        let (creator, authors): (UUID, [UUID]) =
            switch relation {
            case .createdThePerson: (user.id, [someone])
            case .wroteAConcern: (someone, [user.id])
            case .both: (user.id, [user.id])
            case .wroteAmongOthers: (someone, [other, user.id, someone])
            case .none: (someone, [other, someone])
            case .nobodyWroteAnything: (someone, [])
            }
        #expect(RecordAccess.canRead(personCreatedBy: creator, concernAuthors: authors, user: user) == Self.personExpected(role, relation))
    }

    @Test("recorders are staff and leads; leads are the lead and deputies")
    func roleSets() {
        #expect(RecordAccess.recorders == [.staff, .dsl, .deputyDSL])
        #expect(RecordAccess.leads == [.dsl, .deputyDSL])
        #expect(RecordAccess.leads == Set(UserRole.allCases.filter(\.isSafeguardingLead)))
        #expect(RecordAccess.leads.isSubset(of: RecordAccess.recorders))
    }
}
