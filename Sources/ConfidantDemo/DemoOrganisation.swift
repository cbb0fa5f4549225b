import ConfidantCore
import ConfidantStore
import ConfidantWeb
import Foundation

/// A made-up organisation, loaded on request into an empty database so a newcomer sees a living system.
///
/// Everything here is invented and marked as demo data (accounts are "Demo …", people carry
/// "DEMO DATA" in their identifiers). It is never loaded without `serve --demo` or `demo load`.
public enum DemoOrganisation {
    /// One signed-in person of each role, with the one-time password printed at load.
    public struct Account: Sendable {
        public let name: String
        public let email: String
        public let role: UserRole
        public let password: String
    }

    /// Why the demo cannot be loaded.
    public enum LoadError: Error, CustomStringConvertible {
        case notEmpty
        public var description: String {
            "The demo organisation is only loaded into an empty database, and this one already has accounts. Use a new --database."
        }
    }

    static let accounts: [(String, String, UserRole)] = [
        ("Demo Dana Lead", "dana.lead@demo.example", .dsl),
        ("Demo Dev Deputy", "dev.deputy@demo.example", .deputyDSL),
        ("Demo Sam Coach", "sam.coach@demo.example", .staff),
        ("Demo Kit Youthworker", "kit.youth@demo.example", .staff),
        ("Demo Morgan Manager", "morgan.manager@demo.example", .manager),
        ("Demo Ash Admin", "ash.admin@demo.example", .admin),
        ("Demo Avery Auditor", "avery.auditor@demo.example", .auditor),
        ("Demo Pat Partner", "pat.partner@demo.example", .partner),
    ]

    /// The people: (name, kind, date of birth, family).
    static let people: [(String, PersonKind, String, [(String, PersonKind, Relationship)])] = [
        ("Alfie Demoson", .child, "2013-05-14", [("Jo Demoson", .adult, .parentCarer), ("Ruby Demoson", .child, .sibling)]),
        ("Bea Fictional", .child, "2011-09-02", [("Chris Fictional", .adult, .parentCarer)]),
        ("Cal Madeup", .child, "2015-01-23", [("Lee Madeup", .adult, .parentCarer), ("Noor Madeup", .adult, .household)]),
        ("Dita Invented", .child, "2009-11-30", []),
        ("Eli Sampleton", .child, "2012-07-07", [("Max Sampleton", .adult, .parentCarer)]),
        ("Fern Notreal", .child, "2014-02-18", [("Ola Notreal", .child, .sibling)]),
        ("Gus Examplewood", .adultAtRisk, "1958-04-09", [("Hana Examplewood", .adult, .other)]),
        ("Ivy Pretendly", .adultAtRisk, "1987-12-01", []),
        ("Jem Testwell", .child, "2010-03-03", [("Kai Testwell", .adult, .parentCarer)]),
        ("Lou Dummyfield", .child, "2016-06-16", [("Mo Dummyfield", .adult, .parentCarer)]),
        ("Nia Placeholder", .adultAtRisk, "1949-08-25", []),
        ("Oli Imaginary", .child, "2008-10-10", [("Pip Imaginary", .child, .sibling)]),
    ]

    static let accountsOfConcern = [
        "Said they did not want to go home because it is loud and scary there at night.",
        "Said someone online keeps asking for photos and told them to keep it secret.",
        "Said they have not had breakfast or tea for a few days and the cupboards are empty.",
        "Said an older group at the park makes them carry parcels for money.",
        "Said they feel so low they sometimes hurt their arms.",
        "Said a grown-up at home shouts and pushes them when they are angry.",
    ]

    /// Loads the organisation at `now`; returns the accounts with their one-time passwords.
    public static func load(into environment: WebEnvironment, now: Date) async throws -> [Account] {
        guard try await environment.users.count() == 0 else { throw LoadError.notEmpty }
        var generator = SystemRandomNumberGenerator()
        var created: [Account] = []
        var ids: [UserRole: [UUID]] = [:]
        for (name, email, role) in accounts {
            let password = String(SecretToken.generate().prefix(16))
            let user = try await environment.users.create(
                try AccountDetails(name: name, email: email), role: role, passwordHash: try await environment.hashPassword(password),
                now: now, by: AuditName.system)
            ids[role, default: []].append(user.id)
            created.append(Account(name: name, email: email, role: role, password: password))
        }
        let recorders = (ids[.staff] ?? []) + (ids[.dsl] ?? []) + (ids[.deputyDSL] ?? [])
        let leads = (ids[.dsl] ?? []) + (ids[.deputyDSL] ?? [])
        guard let firstRecorder = recorders.first, !leads.isEmpty else { return created }
        var people: [Person] = []
        for (index, entry) in Self.people.enumerated() {
            let author = recorders[index % recorders.count]
            let person = try await environment.records.createPerson(
                kind: entry.1,
                details: PersonDetails(
                    name: entry.0, dateOfBirth: entry.2,
                    // Invented streets in an invented town with the reserved "ZZ" postcode area.
                    address: "\(index + 3) Demo Street, Demoton, ZZ\(index % 9 + 1) \(index % 9 + 1)DM",
                    schoolOrClub: index.isMultiple(of: 2) ? "Demoton Juniors Football Club" : "Demoton Academy",
                    identifiers: "DEMO DATA: invented person"),
                by: author, now: now.addingTimeInterval(-120 * 86_400))
            for (name, kind, relationship) in entry.3 {
                _ = try await environment.records.addRelative(
                    to: person.id, kind: kind, details: PersonDetails(name: name, identifiers: "DEMO DATA: invented person"),
                    as: relationship, by: author, now: now.addingTimeInterval(-120 * 86_400))
            }
            people.append(person)
        }
        for n in 0..<30 {
            let person = people[n % people.count]
            let author = n % 5 == 4 ? firstRecorder : recorders[n % recorders.count]
            let daysAgo = Double(100 - n * 3) + Double(UInt8.random(in: 0...2, using: &generator))
            let at = now.addingTimeInterval(-daysAgo * 86_400)
            let risk = RiskLevel.allCases[[0, 1, 1, 2, 1, 3, 1, 2][n % 8]]
            let concern = Concern(
                id: UUID(), personID: person.id, authorID: author, conversationAt: at,
                disclosedBy: [.person, .thirdParty, .staffObservation][n % 3], limitsExplained: n % 7 != 3,
                secrecyRequested: n % 4 == 0, offered: n == 11 ? .absolute : .limited,
                categories: [ConcernCategory.allCases[n % 9]], risk: risk,
                narrative: ConcernNarrative(
                    place: ["the sports hall", "the youth club kitchen", "the minibus", "the park after the session"][n % 4],
                    thirdParty: n % 3 == 1 ? "A friend from the club (demo)" : "",
                    account: n % 3 == 2 ? "" : "\"\(accountsOfConcern[n % accountsOfConcern.count])\" (DEMO DATA: invented words)",
                    observations: n % 3 == 2 ? "Seemed withdrawn and had a mark on the wrist (DEMO DATA)." : "Quiet, kept looking at the door.",
                    opinion: "Worried this is getting worse.",
                    limitsHow: n % 7 == 3
                        ? "They started talking before I could explain." : "Explained at the start that I might need to tell the safeguarding lead.",
                    actionsTaken: "Told the safeguarding lead the same day.",
                    wishes: n % 4 == 3 ? "" : "Wants it to stop, and wants to keep coming to the club (DEMO DATA: invented words).",
                    wishesNotAsked: n % 4 == 3 ? "They left before I could ask (DEMO DATA)." : ""),
                createdAt: at, updatedAt: at)
            let saved = try await environment.records.saveDraft(concern, by: author, now: at)
            guard n < 27 else { continue }  // the newest three stay as drafts being written
            let submitted = try await environment.records.submit(saved, by: author, now: at.addingTimeInterval(3600))
            if n < 18 {
                let outcome = TriageOutcome.allCases[n % 3]
                _ = try await environment.records.decide(
                    submitted.id, outcome: outcome, reason: "Demo decision: \(outcome.label.lowercased()) after talking it through.",
                    reviewDate: outcome == .monitor ? "2027-01-15" : nil, by: leads[n % leads.count], now: at.addingTimeInterval(86_400))
                if n < 10 {
                    // Older cases closed, with whether what the person wanted happened (Making Safeguarding Personal).
                    let achieved = [CaseClosure.Achieved.fully, .partly, .not, .fully, .notAsked][n % 5]
                    _ = try await environment.records.close(
                        submitted.id, achieved: achieved,
                        personView: achieved == .notAsked ? "" : "Feels listened to; things are calmer at home (DEMO DATA: invented words).",
                        by: leads[n % leads.count], now: at.addingTimeInterval(20 * 86_400))
                }
            } else if n % 2 == 0 {
                _ = try await environment.records.addAddendum(
                    to: submitted.id, text: "Demo addendum: the date of the conversation was a day earlier.", by: author,
                    now: at.addingTimeInterval(7200))
            }
        }
        try await DemoSharing.load(into: environment, now: now)
        try await loadPolicy(into: environment, ids: ids, now: now)
        return created
    }

    /// The demo organisation's own policy text, invented; its headings are the sections the built-in clauses rest on.
    static let policyText = """
        This is the demo organisation's confidentiality policy. Everything in it is invented (DEMO DATA).

        Policy statement

        The safety, wellbeing and protection of the children and adults at risk who use our clubs come first in every decision about confidentiality. Sharing the right information between staff is part of keeping them safe, and trust is what lets everyone ask for advice and support.

        Purpose of policy

        This policy sets the boundaries of confidentiality so that everyone feels safe to talk about personal issues and worries, and it aims to be easily understood by everyone.

        Aims of MCT's Confidentiality Policy

        We cannot offer absolute confidentiality in some situations. This policy makes clear when information will need to be shared, so that everyone can choose who is the best person to talk to.

        Policy development

        We develop this policy with our staff and partner agencies, and it is part of every new starter's induction.

        Definition of confidentiality

        Absolute confidentiality would mean keeping a conversation completely secret and discussing it with no one. There are very few situations where we should ever offer it.

        Limited confidentiality

        Most of the time we offer limited confidentiality: what someone tells us may be discussed with other professionals, usually without saying who they are. Staff explain these limits at the start of a conversation, and we always tell a person when a confidence has to be broken and involve them in what happens next.
        """

    /// The policy in force (version 1, acknowledged by everyone but the newest youth worker, who
    /// meets the induction at first sign-in) and a second version out for consultation.
    static func loadPolicy(into environment: WebEnvironment, ids: [UserRole: [UUID]], now: Date) async throws {
        guard let lead = ids[.dsl]?.first, let manager = ids[.manager]?.first else { return }
        let owner = PolicyActor(id: lead, role: .dsl)
        let approver = PolicyActor(id: manager, role: .manager)
        let policies = environment.policies
        let text = Self.policyText
        let first = try await policies.importDraft(text: text, label: "2026", by: owner, now: now.addingTimeInterval(-200 * 86_400))
        _ = try await policies.openConsultation(first.id, partners: ids[.partner] ?? [], by: owner, now: now.addingTimeInterval(-199 * 86_400))
        _ = try await policies.requestPublication(first.id, by: owner, now: now.addingTimeInterval(-180 * 86_400))
        _ = try await policies.approvePublication(first.id, by: approver, now: now.addingTimeInterval(-179 * 86_400))
        let newStarter = ids[.staff]?.last
        for member in ids.values.joined() where member != newStarter {
            try await policies.acknowledge(first.id, by: member, understandingPassed: true, now: now.addingTimeInterval(-170 * 86_400))
        }
        let review = try await policies.startDraft(from: first.id, by: owner, now: now.addingTimeInterval(-10 * 86_400))
        _ = try await policies.edit(
            review.id, label: "2027 review",
            text: text + "\n\nReview\n\nThis draft is out for consultation with staff and our partner agency contact (DEMO DATA).",
            by: owner, now: now.addingTimeInterval(-10 * 86_400))
        _ = try await policies.openConsultation(review.id, partners: ids[.partner] ?? [], by: owner, now: now.addingTimeInterval(-9 * 86_400))
        if let coach = ids[.staff]?.first, let section = try await policies.version(review.id)?.text.sections.last {
            _ = try await policies.comment(
                on: review.id, sectionID: section.id,
                body: "Could we add who covers when the safeguarding lead is away? (DEMO DATA)",
                by: PolicyActor(id: coach, role: .staff), now: now.addingTimeInterval(-8 * 86_400))
        }
    }
}

extension DemoOrganisation {
    /// The lines printed after loading: who can sign in, with which one-time password.
    public static func announcement(_ accounts: [Account], link: String) -> String {
        var lines = ["", "Demo organisation loaded (all of it invented). Sign in at \(link) as:", ""]
        for account in accounts {
            lines.append(
                "    \(account.role.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(account.email.padding(toLength: 30, withPad: " ", startingAt: 0)) \(account.password)"
            )
        }
        lines.append("")
        lines.append("These passwords are printed once. Anyone with this output can sign in: use the demo only on your own machine.")
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
