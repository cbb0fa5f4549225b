import ConfidantCore
import Foundation
import Testing

@Suite("Roles: their names, and which read cases")
struct UserRoleTests {
    static let table: [(UserRole, raw: String, title: String, readsCases: Bool, lead: Bool)] = [
        (.staff, "staff", "Staff member", false, false),
        (.dsl, "dsl", "Designated safeguarding lead", true, true),
        (.deputyDSL, "deputy_dsl", "Deputy safeguarding lead", true, true),
        (.manager, "manager", "Manager or safeguarding trustee", false, false),
        (.admin, "admin", "Administrator", false, false),
        (.auditor, "auditor", "Auditor", true, false),
        (.partner, "partner", "Partner agency contact", true, false),
    ]

    @Test("the table covers every role, in the declared order")
    func complete() {
        #expect(Self.table.map(\.0) == UserRole.allCases)
    }

    @Test("each role's word, title, whether it reads cases and whether it is a lead", arguments: table)
    func role(role: UserRole, raw: String, title: String, readsCases: Bool, lead: Bool) throws {
        #expect(role.rawValue == raw)
        #expect(UserRole(rawValue: raw) == role)
        #expect(role.title == title)
        #expect(role.readsCases == readsCases)
        #expect(role.isSafeguardingLead == lead)
        #expect(String(decoding: try JSONEncoder().encode(role), as: UTF8.self) == "\"\(raw)\"")
    }

    @Test("every lead reads cases: approving leads is what stops an administrator reading through an account")
    func leadsReadCases() {
        #expect(UserRole.allCases.filter(\.isSafeguardingLead).allSatisfy { $0.readsCases })
        #expect(UserRole(rawValue: "deputyDSL") == nil)
    }
}
