import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// Each role's home page: what they do here, what they can see, and where to start.
struct HomeRoutes: RouteRegistration {
    let environment: WebEnvironment

    struct Action: Sendable {
        let href: String
        let label: String
        let description: String
    }

    /// Something in a lead's queues that has waited too long: what, where, and for how long the longest has waited.
    struct LateItem: Sendable {
        let href: String
        let label: String
        let longest: String
    }

    struct HomeView {
        let chrome: PageChrome
        let name: String
        let roleTitle: String
        let responsibility: String
        let visibility: String
        let actions: [Action]
        /// Policy work waiting for this person: an approval, comments to answer, a consultation to comment on.
        let policyNotices: [Action]
        /// Other decisions waiting for this person (roles that read cases, for the lead).
        let waiting: [Action]
        /// For a lead: what has waited longer than it should, each with how long, shown in red first.
        let late: [LateItem]
        /// Whether notices that are not urgent come in one email a day.
        let dailyDigest: Bool
        /// Whether the first thing on the page is "Record a concern".
        let canRecord: Bool
        let saved: Bool
    }

    func register(on routes: SecureRouter) {
        routes.post("/account/notices", access: .anySignedIn) { request, context in
            let user = try context.signedInUser()
            let form = try await FormFields.read(request, context: context)
            guard ["immediate", "daily"].contains(form["notices"]) else { throw WebError.badRequest("Choose how you are told.") }
            _ = try await environment.users.setDailyDigest(id: user.id, form["notices"] == "daily", now: environment.clock())
            return .redirect(to: "/home?saved=notices#notices")
        }
        routes.get("/home", access: .anySignedIn) { request, context in
            guard let user = context.user else { throw WebError.signInRequired }
            let queues = user.role.isSafeguardingLead ? try await environment.notices.leadQueues(now: environment.clock()) : nil
            let view = HomeView(
                chrome: try await environment.chrome("Home", context, path: "/home", queues: queues), name: user.name,
                roleTitle: user.role.title, responsibility: Self.responsibility(user.role),
                visibility: Self.visibility(user.role), actions: Self.actions(user.role),
                policyNotices: try await policyNotices(for: user), waiting: try await waiting(for: user, queues: queues),
                late: try await late(for: user),
                dailyDigest: user.dailyDigest, canRecord: RecordAccess.recorders.contains(user.role),
                saved: request.uri.queryParameters.get("saved") == "notices")
            return environment.pages.page(.home, view)
        }
    }

    /// The timers on a lead's home page (like "not assigned within N hours" in case systems): concerns past the
    /// organisation's triage wait, those in immediate danger past an hour, shares waiting for approval and overdue
    /// tasks, each with how long the longest has waited.
    func late(for user: UserAccount) async throws -> [LateItem] {
        guard user.role.isSafeguardingLead else { return [] }
        let now = environment.clock()
        let waits = environment.configuration.triageWaits
        let timers = try await environment.notices.leadTimers(now: now, waits: waits)
        var items: [LateItem] = []
        func add(_ count: Int, since: Date?, _ one: String, _ many: String, href: String, longest: String) {
            guard count > 0, let since else { return }
            items.append(
                LateItem(
                    href: href, label: "\(WebEnvironment.queueCount(count)) \(count == 1 ? one : many)",
                    longest: "\(longest) \(DurationSummary.words(now.timeIntervalSince(since)))"))
        }
        add(
            timers.lateDanger, since: timers.oldestLateDanger,
            "concern in immediate danger waiting for triage over \(Self.words(waits.immediateDanger))",
            "concerns in immediate danger waiting for triage over \(Self.words(waits.immediateDanger))", href: "/triage",
            longest: timers.lateDanger == 1 ? "waiting for" : "the longest waiting for")
        add(
            timers.lateTriage, since: timers.oldestLateTriage, "concern waiting for triage over \(Self.words(waits.usual))",
            "concerns waiting for triage over \(Self.words(waits.usual))", href: "/triage",
            longest: timers.lateTriage == 1 ? "waiting for" : "the longest waiting for")
        add(
            timers.approvals, since: timers.oldestApproval, "share waiting for a lead's approval", "shares waiting for a lead's approval",
            href: "/shares/approvals", longest: timers.approvals == 1 ? "waiting for" : "the longest waiting for")
        add(
            timers.overdueTasks, since: timers.oldestOverdueDue, "inform or involve task overdue", "inform or involve tasks overdue",
            href: "/tasks", longest: timers.overdueTasks == 1 ? "overdue by" : "the longest overdue by")
        return items
    }

    /// A wait in words: "an hour", "a day", "4 hours".
    static func words(_ seconds: TimeInterval) -> String {
        switch seconds {
        case 3_600: "an hour"
        case 86_400: "a day"
        default: DurationSummary.words(seconds)
        }
    }

    /// What waits for this person, a count per queue, each linking to it (a lead's `queues` counted by the page).
    func waiting(for user: UserAccount, queues: NoticeBoard.LeadQueues?) async throws -> [Action] {
        let now = environment.clock()
        var waiting: [Action] = []
        func add(_ count: Int, _ one: String, _ many: String, href: String, _ description: String) {
            guard count > 0 else { return }
            waiting.append(Action(href: href, label: "\(WebEnvironment.queueCount(count)) \(count == 1 ? one : many)", description: description))
        }
        if RecordAccess.recorders.contains(user.role) || user.role == .partner {
            let contacts = user.role == .partner ? try await environment.shares.contacts(email: user.email).map(\.id) : []
            let received = try await environment.shares.openReceivedCount(by: user.id, contacts: contacts, now: now)
            add(received, "share with you", "shares with you", href: "/shares", "Information shared with you that you can open now.")
        }
        if user.role == .staff {
            // The same tasks the task list shows a staff member (`TaskRoutes.isVisible`), counted in the database.
            let open = try await environment.shares.openTaskCount(proposedBy: user.id)
            add(
                open, "inform or involve task", "inform or involve tasks", href: "/tasks",
                "People to tell or involve after a share you proposed.")
        }
        guard user.role.isSafeguardingLead, let queues else { return waiting }
        add(queues.triage, "concern waiting for triage", "concerns waiting for triage", href: "/triage", "Submitted concerns with no decision yet.")
        add(
            queues.approvals, "share waiting for your decision", "shares waiting for your decision", href: "/shares/approvals",
            "The policy asked a safeguarding lead to approve or refuse them.")
        add(queues.advice, "advice question", "advice questions", href: "/advice", "Colleagues asked for advice without naming anyone.")
        add(
            queues.overdueTasks, "overdue inform or involve task", "overdue inform or involve tasks", href: "/tasks",
            "Someone should already have been told, or the reason they were not recorded.")
        add(
            queues.duplicates, "possible duplicate to review", "possible duplicates to review", href: "/duplicates",
            "Someone recorded a person who may already be known; they were not told.")
        if user.role == .dsl {
            add(
                queues.accessRequests, "request for a role that reads cases", "requests for a role that reads cases", href: "/access-requests",
                "An administrator asked; the role applies only when you approve it.")
        }
        return waiting
    }

    /// What the policy's lifecycle is waiting on from this person.
    func policyNotices(for user: UserAccount) async throws -> [Action] {
        var notices: [Action] = []
        for version in try await environment.policies.summaries(status: .consultation) {
            let href = "/policy/versions/\(version.id)"
            if let requester = version.publicationRequestedBy {
                if user.role == .manager, requester != user.id {
                    notices.append(
                        Action(
                            href: href, label: "\(version.title) waits for your approval",
                            description: "A policy owner asked for it to be published; a second person, a manager, must approve it."))
                }
                continue
            }
            if PolicyGovernance.isOwner(user.role) {
                let open = try await environment.policies.openCommentCount(on: version.id)
                if open > 0 {
                    notices.append(
                        Action(
                            href: href, label: "\(version.title): \(open) comment\(open == 1 ? "" : "s") to answer",
                            description: "Answer and resolve them before asking a manager to publish it."))
                }
            } else if try await environment.policies.isReadable(version.id, status: version.status, by: user) {
                notices.append(
                    Action(
                        href: href, label: "\(version.title) is open for consultation",
                        description: "Read the draft policy and comment on any section."))
            }
        }
        return notices
    }

    /// What each role is for, in the words of the product specification.
    static func responsibility(_ role: UserRole) -> String {
        switch role {
        case .staff: "You record concerns and disclosures, ask the safeguarding lead for advice, and complete tasks given to you."
        case .dsl, .deputyDSL:
            "You triage every concern, decide and approve sharing, and make sure people are informed and involved when a confidence is broken."
        case .manager: "You oversee safeguarding through reports and approve the confidentiality policy."
        case .admin: "You manage accounts, roles, partner agencies and settings."
        case .auditor: "You check the integrity of the audit log and who has seen what."
        case .partner: "You receive what a safeguarding lead shares with your agency and comment on draft policies."
        }
    }

    /// What each role may see, so nobody has to guess where the boundaries are.
    static func visibility(_ role: UserRole) -> String {
        switch role {
        case .staff: "Your own records and what has been shared with you because your work needs it."
        case .dsl, .deputyDSL: "Every safeguarding record. Each time you open one, it is logged."
        case .manager: "Aggregate, de-identified figures only: no case records."
        case .admin: "No case content: keeping accounts apart from cases protects the people in them."
        case .auditor: "The audit log; case content only de-identified."
        case .partner: "Only what has been shared with you, while the share is valid."
        }
    }

    static func actions(_ role: UserRole) -> [Action] {
        let people = Action(href: "/people", label: "People", description: "Find someone, or record a new person, then record a concern about them.")
        let shares = Action(href: "/shares", label: "Shares", description: "What has been shared with you, and shares waiting for a decision.")
        let tasks = Action(href: "/tasks", label: "Inform and involve", description: "People to tell and involve after a confidence was broken.")
        switch role {
        case .staff:
            return [
                people, Action(href: "/my-records", label: "My records", description: "Your drafts and the concerns you have submitted."),
                shares, tasks,
                Action(href: "/advice", label: "Ask for advice", description: "Ask the safeguarding lead about a situation without naming anyone."),
            ]
        case .dsl, .deputyDSL:
            return [
                Action(href: "/triage", label: "Triage", description: "Concerns waiting for a decision, most urgent first."), people,
                shares, tasks,
                Action(href: "/agencies", label: "Partner agencies", description: "The agencies and contacts information may be shared with."),
                Action(href: "/my-records", label: "My records", description: "Concerns you have recorded yourself."),
            ]
                + (role == .dsl
                    ? [
                        Action(
                            href: "/access-requests", label: "Who may read cases",
                            description: "Approve or refuse the roles administrators ask for: leads, auditors, partner contacts.")
                    ] : [])
        case .manager:
            return [
                Action(
                    href: "/reports", label: "Reports",
                    description:
                        "How the policy is kept: counts and times for any period, charts, CSV and the trustees' quarterly report. Nobody is named."),
                Action(
                    href: "/policy", label: "Confidentiality policy",
                    description: "Versions, consultation, approval, and who has acknowledged the policy."),
            ]
        case .admin:
            return [
                Action(
                    href: "/admin/users", label: "Accounts", description: "Add people, change roles, disable accounts and issue set-password links."),
                Action(href: "/agencies", label: "Partner agencies", description: "The agencies and contacts information may be shared with."),
            ]
        case .auditor:
            return [
                Action(href: "/audit", label: "Audit log", description: "Search who did what and when, and check that the log has not been changed.")
            ]
        case .partner:
            return [
                Action(href: "/shares", label: "Shared with you", description: "Information a safeguarding lead has shared with your agency."),
                Action(href: "/advice", label: "Ask for advice", description: "Ask the safeguarding lead about a situation without naming anyone."),
            ]
        }
    }
}
