import ConfidantCore
import Foundation
import Testing

@Suite("Concerns: alerts, the triage order and what stops a draft being submitted")
struct ConcernTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T11:06:40Z

    /// A concern with every field the form asks for, written an hour ago: nothing stops it being submitted.
    static func complete(_ change: (inout Concern) -> Void = { _ in }) -> Concern {
        var concern = Concern(
            id: UUID(), personID: UUID(), authorID: UUID(), conversationAt: now.addingTimeInterval(-3600), disclosedBy: .person,
            limitsExplained: true, secrecyRequested: false, offered: .limited, categories: [.neglect], risk: .concern,
            narrative: ConcernNarrative(
                place: "The school library", account: "She said there is no food at home most days.",
                observations: "She looked tired.", opinion: "I think she is hungry.",
                limitsHow: "At the start I said I might need to tell the safeguarding lead.",
                actionsTaken: "I told the safeguarding lead the same morning."),
            createdAt: now, updatedAt: now)
        change(&concern)
        return concern
    }

    static func fields(_ problems: [RecordFieldError]) -> [String] { problems.map(\.field) }

    // MARK: Alerts

    struct AlertCase: Sendable, CustomTestStringConvertible {
        let risk: RiskLevel?
        let offered: ConfidentialityOffered?
        let limitsExplained: Bool?
        let alerts: [ConcernAlert]
        var testDescription: String {
            "\(risk.map(\.rawValue) ?? "nil") \(offered.map(\.rawValue) ?? "nil") \(limitsExplained.map(String.init) ?? "nil")"
        }
    }

    @Test(
        "alerts name immediate danger, significant harm, an absolute promise and unexplained limits, most urgent first",
        arguments: [
            AlertCase(risk: nil, offered: nil, limitsExplained: nil, alerts: []),
            AlertCase(risk: RiskLevel.none, offered: .limited, limitsExplained: true, alerts: []),
            AlertCase(risk: .concern, offered: .notStated, limitsExplained: true, alerts: []),
            AlertCase(risk: .significantHarm, offered: .limited, limitsExplained: true, alerts: [.significantHarm]),
            AlertCase(risk: .immediateDanger, offered: .limited, limitsExplained: true, alerts: [.immediateDanger]),
            AlertCase(risk: .concern, offered: .absolute, limitsExplained: true, alerts: [.absoluteConfidentialityOffered]),
            AlertCase(risk: .concern, offered: .limited, limitsExplained: false, alerts: [.limitsNotExplained]),
            // Not yet answered is not the same as "not explained".
            AlertCase(risk: .concern, offered: .limited, limitsExplained: nil, alerts: []),
            AlertCase(
                risk: .immediateDanger, offered: .absolute, limitsExplained: false,
                alerts: [.immediateDanger, .absoluteConfidentialityOffered, .limitsNotExplained]),
            AlertCase(
                risk: .significantHarm, offered: .absolute, limitsExplained: false,
                alerts: [.significantHarm, .absoluteConfidentialityOffered, .limitsNotExplained]),
        ])
    func alerts(c: AlertCase) {
        let concern = Self.complete {
            $0.risk = c.risk
            $0.offered = c.offered
            $0.limitsExplained = c.limitsExplained
        }
        #expect(concern.alerts == c.alerts)
    }

    @Test("alerts are listed most urgent first, with the contract's words and plain labels")
    func alertVocabulary() {
        #expect(ConcernAlert.allCases == [.immediateDanger, .significantHarm, .absoluteConfidentialityOffered, .limitsNotExplained])
        #expect(
            ConcernAlert.allCases.map(\.rawValue)
                == ["immediate_danger", "significant_harm", "absolute_confidentiality_offered", "limits_not_explained"])
        #expect(
            ConcernAlert.allCases.map(\.label) == [
                "Immediate danger", "Risk of significant harm", "Absolute confidentiality was promised",
                "Limits of confidentiality not explained",
            ])
    }

    // MARK: Triage order

    /// A submitted concern with the given alerts' causes, submitted `minutes` after `now`.
    static func submitted(
        _ name: String, risk: RiskLevel = .concern, offered: ConfidentialityOffered = .limited,
        limitsExplained: Bool = true, minutes: Double
    ) -> (String, Concern) {
        (
            name,
            complete {
                $0.status = .submitted
                $0.risk = risk
                $0.offered = offered
                $0.limitsExplained = limitsExplained
                $0.submittedAt = now.addingTimeInterval(minutes * 60)
            }
        )
    }

    @Test("the queue puts the most urgent alert first, then more alerts, then the oldest submission")
    func triageOrder() {
        let concerns = [
            Self.submitted("quiet, newest", minutes: 50),
            Self.submitted("quiet, oldest", minutes: 1),
            Self.submitted("limits, newest", limitsExplained: false, minutes: 40),
            Self.submitted("harm, oldest", risk: .significantHarm, minutes: 2),
            Self.submitted("danger alone, oldest", risk: .immediateDanger, minutes: 3),
            Self.submitted("danger and a promise, newest", risk: .immediateDanger, offered: .absolute, minutes: 30),
            Self.submitted("promise", offered: .absolute, minutes: 4),
            Self.submitted("harm, promise and limits", risk: .significantHarm, offered: .absolute, limitsExplained: false, minutes: 20),
            Self.submitted("danger alone, newer", risk: .immediateDanger, minutes: 10),
        ]
        let order = concerns.shuffled().sorted { Concern.triageOrder($0.1, $1.1) }.map(\.0)
        #expect(
            order == [
                "danger and a promise, newest", "danger alone, oldest", "danger alone, newer",
                "harm, promise and limits", "harm, oldest",
                "promise",
                "limits, newest",
                "quiet, oldest", "quiet, newest",
            ])
    }

    @Test("a concern without a submission time is placed by when it was created")
    func triageOrderFallsBackToCreation() {
        let created = Self.complete { $0.createdAt = Self.now.addingTimeInterval(60) }
        let earlier = Self.complete { $0.submittedAt = Self.now.addingTimeInterval(30) }
        let later = Self.complete { $0.submittedAt = Self.now.addingTimeInterval(90) }
        #expect(Concern.triageOrder(earlier, created))
        #expect(Concern.triageOrder(created, later))
        #expect(!Concern.triageOrder(later, created))
    }

    @Test("the order is strict: nothing comes before itself or an equal, and it never runs both ways")
    func triageOrderIsStrict() {
        let a = Self.submitted("a", risk: .immediateDanger, minutes: 5).1
        let b = Self.submitted("b", risk: .immediateDanger, minutes: 5).1
        let c = Self.submitted("c", minutes: 1).1
        #expect(!Concern.triageOrder(a, a))
        #expect(!Concern.triageOrder(a, b) && !Concern.triageOrder(b, a))
        #expect(Concern.triageOrder(a, c) && !Concern.triageOrder(c, a))
    }

    // MARK: Problems before submitting

    @Test("a complete concern can be submitted")
    func completeHasNoProblems() {
        #expect(Self.complete().problemsBeforeSubmitting(now: Self.now, dateOfBirth: CalendarDay("2014-03-27")) == [])
        #expect(Self.complete().problemsInAnyDraft() == [])
    }

    @Test("an empty draft lists every missing answer in the order of the form, with what to do")
    func emptyDraft() {
        let draft = Concern(id: UUID(), personID: UUID(), authorID: UUID(), createdAt: Self.now, updatedAt: Self.now)
        #expect(
            draft.problemsBeforeSubmitting(now: Self.now, dateOfBirth: nil) == [
                RecordFieldError(field: "conversation_date", message: "Enter when the conversation happened"),
                RecordFieldError(field: "place", message: "Enter where it happened"),
                RecordFieldError(field: "disclosed_by", message: "Choose who told you, or whether you saw it yourself"),
                RecordFieldError(field: "limits_explained", message: "Say whether you explained the limits of confidentiality at the start"),
                RecordFieldError(field: "secrecy_requested", message: "Say whether they asked you to keep it secret"),
                RecordFieldError(field: "offered", message: "Choose what you told them about confidentiality"),
                RecordFieldError(field: "categories", message: "Choose at least one category"),
                RecordFieldError(field: "risk", message: "Choose the immediate risk"),
                RecordFieldError(field: "actions_taken", message: "Say what you did next"),
            ])
        // Sizes only: an empty draft can always be saved.
        #expect(draft.problemsInAnyDraft() == [])
    }

    struct MissingCase: Sendable, CustomTestStringConvertible {
        let name: String
        let change: @Sendable (inout Concern) -> Void
        let problems: [RecordFieldError]
        var testDescription: String { name }
    }

    @Test(
        "each missing answer is named on its own field",
        arguments: [
            MissingCase(
                name: "place is only whitespace", change: { $0.narrative.place = " \n\t " },
                problems: [.init(field: "place", message: "Enter where it happened")]),
            MissingCase(
                name: "the person told, no account", change: { $0.narrative.account = "  " },
                problems: [.init(field: "account", message: "Write down what they said, in their own words")]),
            MissingCase(name: "the person told: no third party is needed", change: { $0.narrative.thirdParty = "" }, problems: []),
            MissingCase(
                name: "a third party told, neither who nor what",
                change: {
                    $0.disclosedBy = .thirdParty
                    $0.narrative.thirdParty = ""
                    $0.narrative.account = ""
                },
                problems: [
                    .init(field: "third_party", message: "Say who told you (their name stays private)"),
                    .init(field: "account", message: "Write down what they said, in their own words"),
                ]),
            MissingCase(
                name: "a third party told, named, with an account",
                change: {
                    $0.disclosedBy = .thirdParty
                    $0.narrative.thirdParty = "Her older brother"
                }, problems: []),
            MissingCase(
                name: "seen by staff, nothing observed",
                change: {
                    $0.disclosedBy = .staffObservation
                    $0.narrative.observations = ""
                }, problems: [.init(field: "observations", message: "Describe what you saw or heard")]),
            MissingCase(
                name: "seen by staff: no account is needed",
                change: {
                    $0.disclosedBy = .staffObservation
                    $0.narrative.account = ""
                }, problems: []),
            MissingCase(
                name: "limits explained, not how", change: { $0.narrative.limitsHow = "" },
                problems: [.init(field: "limits_how", message: "Say how you explained the limits of confidentiality")]),
            MissingCase(
                name: "limits not explained, not why",
                change: {
                    $0.limitsExplained = false
                    $0.narrative.limitsHow = ""
                }, problems: [.init(field: "limits_how", message: "Say why the limits were not explained")]),
            MissingCase(
                name: "limits unanswered: how is not asked yet",
                change: {
                    $0.limitsExplained = nil
                    $0.narrative.limitsHow = ""
                }, problems: [.init(field: "limits_explained", message: "Say whether you explained the limits of confidentiality at the start")]),
            MissingCase(
                name: "no categories", change: { $0.categories = [] },
                problems: [.init(field: "categories", message: "Choose at least one category")]),
            MissingCase(
                name: "no action", change: { $0.narrative.actionsTaken = "\n" },
                problems: [.init(field: "actions_taken", message: "Say what you did next")]),
            MissingCase(name: "no opinion is fine", change: { $0.narrative.opinion = "" }, problems: []),
            MissingCase(name: "secrecy asked: answered either way", change: { $0.secrecyRequested = true }, problems: []),
        ])
    func missing(c: MissingCase) {
        var concern = Self.complete()
        c.change(&concern)
        #expect(concern.problemsBeforeSubmitting(now: Self.now, dateOfBirth: nil) == c.problems)
    }

    @Test(
        "the conversation may be up to five minutes ahead of the clock, not more",
        arguments: [
            (-86_400.0, true), (0, true), (299, true), (300, true), (301, false), (86_400, false),
        ])
    func conversationInTheFuture(offset: Double, accepted: Bool) {
        let concern = Self.complete { $0.conversationAt = Self.now.addingTimeInterval(offset) }
        let problems = concern.problemsBeforeSubmitting(now: Self.now, dateOfBirth: nil)
        #expect(problems == (accepted ? [] : [.init(field: "conversation_date", message: "The conversation cannot be in the future")]))
    }

    @Test(
        "the conversation cannot be before the person was born; the day of birth itself is fine",
        arguments: [
            (-1.0, false), (0, true), (3600, true),
        ])
    func conversationBeforeBirth(offset: Double, accepted: Bool) throws {
        let birth = try #require(CalendarDay("2014-03-27"))
        let concern = Self.complete { $0.conversationAt = birth.start.addingTimeInterval(offset) }
        #expect(
            concern.problemsBeforeSubmitting(now: Self.now, dateOfBirth: birth)
                == (accepted ? [] : [.init(field: "conversation_date", message: "The conversation cannot be before the person's date of birth")]))
        // Without a known date of birth there is nothing to compare with.
        #expect(concern.problemsBeforeSubmitting(now: Self.now, dateOfBirth: nil) == [])
    }

    @Test("a date of birth later than the clock does not hide a conversation in the future")
    func futureWinsOverBirth() throws {
        let concern = Self.complete { $0.conversationAt = Self.now.addingTimeInterval(3600) }
        #expect(Self.fields(concern.problemsBeforeSubmitting(now: Self.now, dateOfBirth: CalendarDay("2030-01-01"))) == ["conversation_date"])
        #expect(
            concern.problemsBeforeSubmitting(now: Self.now, dateOfBirth: CalendarDay("2030-01-01")).first?.message
                == "The conversation cannot be in the future")
    }

    static let sizeMessage = "Keep this to 20,000 characters; add more as an addendum after submitting"

    @Test("a narrative field may hold 20,000 code points; one more is refused even in a draft, on that field")
    func narrativeSizes() {
        #expect(ConcernNarrative.maximumFieldLength == 20_000)
        let limit = String(repeating: "a", count: 20_000), over = limit + "a"
        #expect(Self.complete { $0.narrative.account = limit }.problemsInAnyDraft() == [])
        #expect(Self.complete { $0.narrative.account = over }.problemsInAnyDraft() == [.init(field: "account", message: Self.sizeMessage)])
        // Four-byte code points count once each.
        #expect(Self.complete { $0.narrative.opinion = String(repeating: "\u{1F600}", count: 20_000) }.problemsInAnyDraft() == [])
        // A combining mark is its own code point, though it joins the letter before it.
        let clusters = String(repeating: "e\u{301}", count: 10_001)
        #expect(clusters.count == 10_001)
        #expect(
            Self.complete { $0.narrative.observations = clusters }.problemsInAnyDraft()
                == [.init(field: "observations", message: Self.sizeMessage)])
    }

    @Test("every oversized narrative field is named, in the order of the form, before any missing answer")
    func everyFieldOversized() {
        let over = String(repeating: "x", count: 20_001)
        let concern = Self.complete {
            $0.narrative = ConcernNarrative(
                place: over, thirdParty: over, account: over, observations: over, opinion: over,
                limitsHow: over, actionsTaken: over)
            $0.risk = nil
        }
        let names = ["place", "third_party", "account", "observations", "opinion", "limits_how", "actions_taken"]
        #expect(concern.problemsInAnyDraft() == names.map { RecordFieldError(field: $0, message: Self.sizeMessage) })
        #expect(
            concern.problemsBeforeSubmitting(now: Self.now, dateOfBirth: nil)
                == names.map { RecordFieldError(field: $0, message: Self.sizeMessage) } + [.init(field: "risk", message: "Choose the immediate risk")]
        )
    }

    // MARK: Values

    @Test("a new concern is an empty draft with nothing assigned")
    func defaults() {
        let id = UUID(), person = UUID(), author = UUID()
        let concern = Concern(id: id, personID: person, authorID: author, createdAt: Self.now, updatedAt: Self.now)
        #expect(concern.status == .draft)
        #expect(concern.submittedAt == nil && concern.assignedTo == nil && concern.conversationAt == nil)
        #expect(concern.categories == [] && concern.narrative == ConcernNarrative())
        #expect(
            concern.narrative
                == ConcernNarrative(
                    place: "", thirdParty: "", account: "", observations: "", opinion: "",
                    limitsHow: "", actionsTaken: ""))
        #expect(ConcernStatus.draft.rawValue == "draft" && ConcernStatus.submitted.rawValue == "submitted")
    }

    @Test("a narrative survives JSON (how it is sealed) field for field")
    func narrativeCoding() throws {
        let narrative = Self.complete { $0.narrative.thirdParty = "Her brother \u{1F466}" }.narrative
        let decoded = try JSONDecoder().decode(ConcernNarrative.self, from: JSONEncoder().encode(narrative))
        #expect(decoded == narrative)
    }

    @Test("an addendum and a decision keep what they were given")
    func addendumAndDecision() {
        let id = UUID(), concern = UUID(), author = UUID()
        let addendum = Addendum(id: id, concernID: concern, authorID: author, text: "She later said it was her uncle.", createdAt: Self.now)
        #expect(addendum.id == id && addendum.concernID == concern && addendum.authorID == author)
        #expect(addendum.text == "She later said it was her uncle." && addendum.createdAt == Self.now)
        let decision = TriageDecision(
            id: id, concernID: concern, deciderID: author, outcome: .monitor, reason: "Watch",
            reviewDate: "2026-12-01", decidedAt: Self.now)
        #expect(decision.outcome == .monitor && decision.reviewDate == "2026-12-01" && decision.reason == "Watch")
        #expect(
            decision
                != TriageDecision(
                    id: id, concernID: concern, deciderID: author, outcome: .share, reason: "Watch",
                    reviewDate: "2026-12-01", decidedAt: Self.now))
    }
}
