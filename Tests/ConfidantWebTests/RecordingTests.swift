import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ConfidantWeb

@Suite("Recording that works on a phone and never loses or doubles a disclosure")
struct RecordingTests {
    let shares = ShareTests()

    @Test(
        "dates and times are read as people type them",
        arguments: [
            ("2026-12-01", "16:30", "2026-12-01 16:30"), ("1/12/2026", "1630", "2026-12-01 16:30"),
            ("01/12/2026", "4.30pm", "2026-12-01 16:30"), ("20261201", "4pm", "2026-12-01 16:00"), ("1.12.2026", "9:05 am", "2026-12-01 09:05"),
        ])
    func typedDates(date: String, time: String, expected: String) throws {
        let day = try #require(CalendarDay(typed: date))
        let at = try #require(TimeOfDay(typed: time))
        #expect("\(day.iso) \(at.text)" == expected)
    }

    @Test("what is not a date or a time is refused", arguments: ["31/02/2026", "2026-13-01", "12/2026", "tomorrow", "+1/12/2026"])
    func notDates(text: String) {
        #expect(CalendarDay(typed: text) == nil)
    }

    @Test("what is not a time is refused", arguments: ["25:00", "13pm", "16:3", "half four", "0:60"])
    func notTimes(text: String) {
        #expect(TimeOfDay(typed: text) == nil)
    }

    @Test(
        "a draft saved with a typed date keeps it, is one draft however often it is saved, and says it was saved",
        arguments: TestDatabaseKind.available)
    func draftSaves(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await shares.setUp(harness)
            let personID = try #require(try await harness.environment.records.concernFacts(UUID(uuidString: c.concernID)!)?.personID)
            let page = try await harness.request(.get, "/people/\(personID)/concerns/new", as: c.staff)
            #expect(page.text.contains("type=\"date\"") && page.text.contains("type=\"time\""))
            let action = try #require(page.text.firstMatch(of: /action="(\/people\/[^"]+\?draft=[^"]+)"/).map { String($0.output.1) })
            let fields = ["action": "save", "conversation_date": "1/12/2026", "conversation_time": "4.30pm", "account": "First words"]
            let first = try await harness.request(.post, action, as: c.staff, form: fields)
            #expect(first.status == .seeOther)
            let again = try await harness.request(.post, action, as: c.staff, form: fields.merging(["account": "More words"]) { $1 })
            #expect(again.headers[.location] == first.headers[.location])
            let drafts = try await harness.environment.records.concerns(about: personID, includeDraftsBy: c.staff.user.id).filter {
                $0.status == .draft
            }
            #expect(drafts.count == 1)
            #expect(drafts.first?.narrative.account == "More words")
            let saved = try await harness.request(.get, try #require(first.headers[.location]), as: c.staff)
            #expect(saved.text.contains("Draft saved at"))
            #expect(saved.text.contains("value=\"2026-12-01\"") && saved.text.contains("value=\"16:30\""))
            let wrong = try await harness.request(.post, action, as: c.staff, form: ["action": "save", "conversation_date": "soon"])
            #expect(wrong.status == .badRequest)
            #expect(wrong.text.contains("id=\"conversation_date-error\""), "the message is beside its field")
            #expect(wrong.text.contains("autofocus"), "the summary takes focus")
        }
    }

    @Test("a session that ends while someone writes keeps their words until they sign in again", arguments: TestDatabaseKind.available)
    func wordsKept(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await shares.setUp(harness)
            let personID = try #require(try await harness.environment.records.concernFacts(UUID(uuidString: c.concernID)!)?.personID)
            let page = try await harness.request(.get, "/people/\(personID)/concerns/new", as: c.staff)
            let action = try #require(page.text.firstMatch(of: /action="(\/people\/[^"]+\?draft=[^"]+)"/).map { String($0.output.1) })
            harness.clock.advance(by: 31 * 60)
            let late = try await harness.request(
                .post, action, as: c.staff, form: ["action": "save", "account": "A long account written over half an hour"])
            #expect(late.status == .seeOther)
            let location = try #require(late.headers[.location])
            #expect(location.hasPrefix("/sign-in?kept=1&next="))
            #expect(try await harness.environment.records.concerns(about: personID, includeDraftsBy: c.staff.user.id).count == 1, "nothing saved")
            let signIn = try await harness.request(.get, location)
            #expect(signIn.text.contains("What you wrote is kept"))
            // Someone else signed in does not get them; the writer, signed in again, does, once.
            let other = try await harness.browser(.staff)
            let form = String(action.replacingOccurrences(of: "/concerns?draft=", with: "/concerns/new?draft="))
            #expect(!(try await harness.request(.get, form, as: other).text.contains("A long account")))
            let session = try await harness.environment.sessions.start(userID: c.staff.user.id, now: harness.clock.now, address: "127.0.0.1")
            let writer = WebHarness.Browser(user: c.staff.user, sessionToken: session.token, csrfToken: session.csrfToken)
            let restored = try await harness.request(.get, form, as: writer)
            #expect(restored.text.contains("A long account written over half an hour"))
            #expect(restored.text.contains("What you wrote before you were signed out is back"))
            #expect(!(try await harness.request(.get, form, as: writer).text.contains("A long account")), "given back once")
        }
    }

    @Test(
        "a referral is recorded with its date and reference; mistakes on the concern page keep what was typed", arguments: TestDatabaseKind.available)
    func referrals(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await shares.setUp(harness)
            let missing = try await harness.request(
                .post, "/concerns/\(c.concernID)/decision", as: c.dsl,
                form: ["outcome": "referred_childrens_social_care", "reason": "Risk at home", "referral_date": ""])
            #expect(missing.status == .badRequest)
            #expect(missing.text.contains("Give the date the referral was made"))
            #expect(missing.text.contains(">Risk at home</textarea>"), "the reason typed is kept")
            let made = try await harness.request(
                .post, "/concerns/\(c.concernID)/decision", as: c.dsl,
                form: [
                    "outcome": "referred_childrens_social_care", "reason": "Risk at home", "referral_date": "10/11/2026",
                    "referral_reference": "MASH-2026-0042",
                ])
            #expect(made.status == .seeOther)
            let decision = try #require(try await harness.environment.records.decisions(on: UUID(uuidString: c.concernID)!).first)
            #expect(decision.referral == TriageReferral(date: "2026-11-10", reference: "MASH-2026-0042"))
            let page = try await harness.request(.get, "/concerns/\(c.concernID)", as: c.dsl)
            #expect(page.text.contains("referred on 2026-11-10, reference MASH-2026-0042"))
            let raw = try await harness.environment.database.strings("SELECT sealed_referral_reference FROM triage_decisions")
            #expect(!(raw.first ?? "").contains("MASH-2026"), "the reference is sealed")
            let empty = try await harness.request(.post, "/concerns/\(c.concernID)/addenda", as: c.staff, form: ["text": "  "])
            #expect(empty.status == .badRequest)
            #expect(empty.text.contains("id=\"addendum-error\""), "an empty addendum is shown beside its field, not a bare error page")
        }
    }
}

@Suite("A person's details can be corrected, and the earlier values stay in their history")
struct PersonCorrectionTests {
    @Test(
        "a correction keeps the earlier values, sealed, names the fields in the log, and shows them on the page",
        arguments: TestDatabaseKind.available)
    func correction(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await ShareTests().setUp(harness)
            let personID = try #require(try await harness.environment.records.concernFacts(UUID(uuidString: c.concernID)!)?.personID)
            let form = try await harness.request(.get, "/people/\(personID)/edit", as: c.staff)
            #expect(form.text.contains("value=\"Robin Testchild\""))
            let bad = try await harness.request(
                .post, "/people/\(personID)/edit", as: c.staff, form: ["kind": "child", "name": "", "date_of_birth": "2014-03-27"])
            #expect(bad.status == .badRequest)
            let fixed = try await harness.request(
                .post, "/people/\(personID)/edit", as: c.staff,
                form: ["kind": "child", "name": "Robin Testchild", "date_of_birth": "27/03/2015", "address": "3 New Road, Testtown"])
            #expect(fixed.status == .seeOther)
            let person = try #require(try await harness.environment.records.person(personID, readBy: c.dsl.user, now: harness.clock.now))
            #expect(person.details.dateOfBirth == "2015-03-27")
            let history = try await harness.environment.records.corrections(of: personID)
            #expect(history.map(\.before.dateOfBirth) == ["2014-03-27"])
            let page = try await harness.request(.get, "/people/\(personID)", as: c.dsl)
            #expect(page.text.contains("Earlier details"))
            #expect(page.text.contains("2014-03-27"))
            let events = try await harness.environment.audit.search(action: "record_corrected")
            #expect(events.count == 1)
            #expect(events.first?.detail.contains("date of birth") == true)
            #expect(events.first?.detail.contains("2014") == false, "the log names the fields, never their values")
            // Someone who may not open the person cannot correct them either.
            let stranger = try await harness.browser(.staff)
            #expect(
                try await harness.request(.post, "/people/\(personID)/edit", as: stranger, form: ["kind": "child", "name": "X"]).status
                    == .notFound)
        }
    }
}

@Suite("The people directory: everyone the organisation works with can be found, and nothing of what others recorded")
struct DirectoryTests {
    static let register = """
        name,known_as,date_of_birth,group,external_id,kind
        Robin Testchild,Robs,27/03/2014,Under 13s,MIS-001,child
        "Sam ""Sparky"" Testperson",,2012-01-05,Under 15s,MIS-002,
        """

    @Test("reading a register checks every row and names each problem")
    func reading() throws {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let entries = try DirectoryImport.read(Self.register, now: now).get()
        #expect(entries.map(\.details.name) == ["Robin Testchild", "Sam \"Sparky\" Testperson"])
        #expect(entries.first?.details.dateOfBirth == "2014-03-27")
        #expect(entries.first?.details.group == "Under 13s")
        #expect(entries.last?.kind == .child)
        let bad = """
            name,date_of_birth,external_id,kind,colour
            ,2014-03-27,MIS-1,child,red
            """
        guard case .failure(let refused) = DirectoryImport.read(bad, now: now) else { Issue.record("a bad header was read"); return }
        #expect(
            refused.problems.map(\.description) == [
                #"row 1: The column "colour" is not one Confidant reads (name, known_as, date_of_birth, group, external_id, kind)"#
            ])
        let rows = """
            name,date_of_birth,external_id,kind
            ,2014-03-27,MIS-1,child
            Ada Test,31/02/2014,MIS-2,child
            Bo Test,,MIS-2,pupil
            "Unclosed,2014-03-27,MIS-4,child
            """
        guard case .failure(let many) = DirectoryImport.read(rows, now: now) else { Issue.record("bad rows were read"); return }
        #expect(many.problems.map(\.row) == [5], "a malformed file is refused at the row that breaks it: \(many.problems)")
        let fixable = rows.split(separator: "\n").dropLast().joined(separator: "\n")
        guard case .failure(let named) = DirectoryImport.read(fixable, now: now) else { Issue.record("bad rows were read"); return }
        #expect(Set(named.problems.map(\.row)) == [2, 3, 4])
        #expect(named.problems.contains { $0.row == 4 && $0.message.contains("also on row 3") })
        #expect(named.problems.contains { $0.row == 4 && $0.message.contains("pupil") })
    }

    @Test(
        "staff find a child a colleague recorded, see only the directory's details, and record a concern; relatives stay hidden",
        arguments: TestDatabaseKind.available)
    func findable(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await ShareTests().setUp(harness)
            let personID = try #require(try await harness.environment.records.concernFacts(UUID(uuidString: c.concernID)!)?.personID)
            _ = try await harness.request(
                .post, "/people/\(personID)/links", as: c.staff, form: ["kind": "adult", "relationship": "parent_carer", "name": "Alex Testparent"])
            let colleague = try await harness.browser(.staff)
            let search = try await harness.request(.get, "/people?q=Robin", as: colleague)
            #expect(search.text.contains("1 found"))
            #expect(search.text.contains("/people/\(personID.uuidString)"))
            #expect(
                try await harness.request(.get, "/people?q=Testparent", as: colleague).text.contains("0 found"), "a relative is not in the directory")
            let page = try await harness.request(.get, "/people/\(personID)", as: colleague)
            #expect(page.status == .ok)
            #expect(page.text.contains("Record a concern about Robin Testchild"))
            for hidden in ["Uncle Zed", "Alex Testparent", "Family and household", "sports hall", "Earlier details", "Chronology"] {
                #expect(!page.text.contains(hidden), "the colleague sees nothing of what others recorded: \(hidden)")
            }
            #expect(try await harness.request(.get, "/concerns/\(c.concernID)", as: colleague).status == .notFound)
            var fields = ShareTests.concernForm
            fields["action"] = "submit"
            let recorded = try await harness.request(.post, "/people/\(personID)/concerns", as: colleague, form: fields)
            #expect(recorded.status == .seeOther)
            #expect(try await harness.environment.records.concerns(about: personID, includeDraftsBy: nil).count == 2)
        }
    }

    @Test("a lead imports the register: bad rows named and nothing half-written; importing again updates", arguments: TestDatabaseKind.available)
    func importing(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let dsl = try await harness.browser(.dsl)
            let staff = try await harness.browser(.staff)
            #expect(try await harness.request(.get, "/people/import", as: staff).status == .forbidden)
            let bad = try await harness.request(.post, "/people/import", as: dsl, form: ["register": Self.register + "\n,,2014-01-01,,MIS-003,child"])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("row 4: Enter the person"))
            #expect(try await harness.request(.get, "/people?q=Robin", as: dsl).text.contains("0 found"), "nothing was imported")
            let good = try await harness.request(.post, "/people/import", as: dsl, form: ["register": Self.register])
            #expect(good.text.contains("2 added, 0 updated"))
            let again = try await harness.request(
                .post, "/people/import", as: dsl, form: ["register": Self.register.replacingOccurrences(of: "Under 13s", with: "Under 14s")])
            #expect(again.text.contains("0 added, 1 updated, 1 unchanged"))
            let found = try await harness.request(.get, "/people?q=Robin", as: staff)
            #expect(found.text.contains("1 found"))
            let raw = try await harness.environment.database.strings("SELECT directory_key FROM people")
            #expect(!raw.contains { $0.contains("MIS-") }, "register ids are kept hashed")
        }
    }
}

@Suite("A person's chronology to print and to keep")
struct PrintedChronologyTests {
    @Test("leads print it or take a PDF, identified or de-identified; each is logged as an export", arguments: TestDatabaseKind.available)
    func printed(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await ShareTests().setUp(harness)
            let personID = try #require(try await harness.environment.records.concernFacts(UUID(uuidString: c.concernID)!)?.personID)
            _ = try await harness.request(.post, "/concerns/\(c.concernID)/addenda", as: c.dsl, form: ["text": "Correction: the right forearm"])
            #expect(try await harness.request(.get, "/people/\(personID)/chronology/print", as: c.staff).status == .forbidden)
            let printed = try await harness.request(.get, "/people/\(personID)/chronology/print", as: c.dsl)
            #expect(printed.status == .ok)
            #expect(printed.text.contains("Chronology of Robin Testchild"))
            #expect(printed.text.contains("Printed by Test Designated safeguarding lead on"))
            #expect(printed.text.contains("/static/chronology-print.css"), "the print stylesheet, with page numbers in the footer")
            #expect(printed.text.components(separatedBy: "<p class=\"entry-head\">").count - 1 == 2, "the concern and its addendum")
            #expect(printed.text.contains("Uncle Zed hits me"))
            let outside = try await harness.request(.get, "/people/\(personID)/chronology/print?deidentified=1", as: c.dsl)
            #expect(outside.text.contains("Robin Testchild"), "the person it is about keeps their name")
            for gone in ["Oakfield Road", "NW1 2XY", "Test Staff member"] {
                #expect(!outside.text.contains(gone), "\(gone) is de-identified")
            }
            let exports = try await harness.environment.audit.search(action: "export", target: "person:\(personID.uuidString.lowercased())")
            #expect(exports.count == 2)
            let pdf = try await harness.request(.get, "/people/\(personID)/chronology/pdf", as: c.dsl)
            if ChromiumPrinter().executable != nil {
                #expect(pdf.status == .ok)
                #expect(pdf.headers[.contentType] == "application/pdf")
                #expect(pdf.body.readableBytesView.starts(with: Array("%PDF".utf8)))
            } else {
                #expect(pdf.status == .conflict)
            }
        }
    }
}

@Suite("Leads search what was recorded, through the sealed text")
struct RecordSearchTests {
    @Test("every word must appear, case and accents ignored, with the words around them")
    func matching() {
        #expect(RecordSearch.words("  Uncle ZÉD, a ") == ["uncle", "zed"])
        let snippet = RecordSearch.snippet(of: "Robin said Uncle Zéd hits him when mum is out", words: ["uncle", "zed"])
        #expect(snippet == "Robin said Uncle Zéd hits him when mum is out")
        #expect(RecordSearch.snippet(of: "Robin said Uncle Zed", words: ["uncle", "auntie"]) == nil)
    }

    @Test(
        "a lead finds concerns, addenda and decisions by their words; staff cannot search; the search is logged",
        arguments: TestDatabaseKind.available)
    func search(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await ShareTests().setUp(harness)
            _ = try await harness.request(
                .post, "/concerns/\(c.concernID)/addenda", as: c.dsl, form: ["text": "Later: the bruise was on the forearm"])
            _ = try await harness.request(
                .post, "/concerns/\(c.concernID)/decision", as: c.dsl,
                form: ["outcome": "no_further_action", "reason": "Grandmother now looks after Robin"])
            #expect(try await harness.request(.get, "/search?q=Uncle", as: c.staff).status == .forbidden)
            let concern = try await harness.request(.get, "/search?q=uncle+zed", as: c.dsl)
            #expect(concern.text.contains("1 found"))
            #expect(concern.text.contains("Robin Testchild"))
            #expect(concern.text.contains("In the concern"))
            #expect(
                try await harness.request(.get, "/search?q=forearm", as: c.dsl).text.contains("2 found"),
                "the concern's observations and the addendum")
            let decision = try await harness.request(.get, "/search?q=grandmother", as: c.dsl).text
            #expect(decision.contains("In a lead&#39;s decision") || decision.contains("In a lead's decision"))
            #expect(try await harness.request(.get, "/search?q=nobody+said+this", as: c.dsl).text.contains("0 found"))
            let reads = try await harness.environment.audit.search(actor: AuditName.user(c.dsl.user.id), action: "case_read")
            #expect(reads.contains { $0.target == "page:search" && $0.detail.contains("concern:\(c.concernID.lowercased())") })
        }
    }
}

@Suite("A task closed with a mistake is shown again, not a bare error page")
struct TaskMistakeTests {
    @Test("an empty note or no method re-shows the list with the message beside that task", arguments: TestDatabaseKind.available)
    func emptyTask(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let shares = ShareTests()
            let c = try await shares.setUp(harness)
            let id = try await shares.approvedShare(harness, c)
            let task = try #require(try await harness.environment.shares.tasks(ofShare: id).first { $0.kind == .inform })
            let empty = try await harness.request(.post, "/tasks/\(task.id)/complete", as: c.staff, form: ["note": ""])
            #expect(empty.status == .badRequest)
            // Each message beside its own field, and both at once.
            #expect(empty.text.contains("id=\"method-\(task.id.uuidString)-error\">Choose how the person was told"))
            #expect(empty.text.contains("id=\"note-\(task.id.uuidString)-error\""))
            // What was chosen and typed comes back when only one part is wrong.
            let noMethod = try await harness.request(
                .post, "/tasks/\(task.id)/complete", as: c.staff, form: ["note": "Told them in person (made-up)"])
            #expect(noMethod.status == .badRequest)
            #expect(noMethod.text.contains(">Told them in person (made-up)</textarea>"))
            #expect(!noMethod.text.contains("id=\"note-\(task.id.uuidString)-error\""))
            let noNote = try await harness.request(.post, "/tasks/\(task.id)/complete", as: c.staff, form: ["method": "phone"])
            #expect(noNote.text.contains("value=\"phone\" checked"))
            #expect(!empty.text.contains("Something in the request is not right"))
            #expect(try await harness.environment.shares.task(task.id)?.completedAt == nil)
        }
    }
}

@Suite("Timers on the leads' pages: what waited too long, in red, with how long")
struct LeadTimerTests {
    @Test("a concern past the triage wait and an overdue task show on the lead's home and the triage page", arguments: TestDatabaseKind.available)
    func timers(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let shares = ShareTests()
            let c = try await shares.setUp(harness)
            let fresh = try await harness.request(.get, "/home", as: c.dsl)
            #expect(!fresh.text.contains("Waited too long"))
            #expect(!(try await harness.request(.get, "/triage", as: c.dsl)).text.contains("class=\"late\""))

            _ = try await shares.approvedShare(harness, c)
            // Five days on: the concern has waited past a day, the two-working-day inform task is overdue.
            harness.clock.advance(by: 5 * 86_400 + 3 * 3_600)
            // Sessions have long expired: a lead signs in afresh (the queues are every lead's).
            let lead = try await harness.browser(.deputyDSL)
            let home = try await harness.request(.get, "/home", as: lead)
            #expect(home.text.contains("Waited too long"))
            #expect(home.text.contains("1 concern waiting for triage over a day</a>: <strong class=\"late\">waiting for 5 days 3 h</strong>"))
            #expect(home.text.contains("inform or involve task"))
            #expect(home.text.contains("overdue by"))
            let triage = try await harness.request(.get, "/triage", as: lead)
            #expect(triage.text.contains("<strong class=\"late\">5 days"))
            // Staff have no timers: the queues are the leads'.
            let staff = try await harness.request(.get, "/home", as: try await harness.browser(.staff))
            #expect(staff.status == .ok && !staff.text.contains("Waited too long"))
        }
    }
}

@Suite("Making Safeguarding Personal on the concern page")
struct PersonalOutcomePageTests {
    @Test(
        "what the person wants is recorded with the concern; a lead closes the case with whether it was achieved",
        arguments: TestDatabaseKind.available)
    func closeCase(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let lead = try await harness.browser(.dsl)
            let person = try await harness.request(
                .post, "/people", as: staff, form: ["kind": "adult_at_risk", "name": "Morgan Testadult", "confirm_new": "yes"])
            let personID = String((person.headers[.location] ?? "").dropFirst("/people/".count))
            var fields = ShareTests.concernForm
            fields["action"] = "submit"
            fields["wishes"] = "Wants the visits to stop but to stay in the flat (made-up)."
            let submitted = try await harness.request(.post, "/people/\(personID)/concerns", as: staff, form: fields)
            let concernID = String((submitted.headers[.location] ?? "").dropFirst("/concerns/".count).prefix(36))
            let page = try await harness.request(.get, "/concerns/\(concernID)", as: lead)
            #expect(page.text.contains("Wants the visits to stop but to stay in the flat (made-up)."))
            // Not closable before a triage decision, and never by staff.
            #expect(!page.text.contains("action=\"/concerns/\(concernID)/close\""))
            #expect(
                try await harness.request(.post, "/concerns/\(concernID)/close", as: lead, form: ["achieved": "fully", "person_view": "x"]).status
                    == .conflict)
            _ = try await harness.request(
                .post, "/concerns/\(concernID)/decision", as: lead, form: ["outcome": "no_further_action", "reason": "Support in place"])
            #expect(try await harness.request(.get, "/concerns/\(concernID)", as: lead).text.contains("action=\"/concerns/\(concernID)/close\""))
            #expect(try await harness.request(.post, "/concerns/\(concernID)/close", as: staff, form: ["achieved": "fully"]).status == .forbidden)

            let empty = try await harness.request(.post, "/concerns/\(concernID)/close", as: lead, form: ["person_view": ""])
            #expect(empty.status == .badRequest)
            #expect(empty.text.contains("id=\"achieved-error\""))
            #expect(empty.text.contains("id=\"person_view-error\""))
            let closed = try await harness.request(
                .post, "/concerns/\(concernID)/close", as: lead, form: ["achieved": "partly", "person_view": "Calmer now, still worried (made-up)."])
            #expect(closed.status == .seeOther)
            let after = try await harness.request(.get, "/concerns/\(concernID)", as: lead)
            #expect(after.text.contains("Partly achieved"))
            #expect(after.text.contains("Calmer now, still worried (made-up)."))
            // Once only.
            #expect(
                try await harness.request(.post, "/concerns/\(concernID)/close", as: lead, form: ["achieved": "fully", "person_view": "x"]).status
                    == .conflict)
            let chronology = try await harness.request(.get, "/people/\(personID)", as: lead)
            #expect(chronology.text.contains("Closed: Partly achieved"))
            // The view is sealed at rest like the narrative.
            let rows = try await harness.environment.database.strings("SELECT sealed_view FROM case_closures")
            #expect(rows.count == 1 && !(rows.first ?? "").contains("Calmer"))
            let manager = try await harness.browser(.manager)
            let reports = try await harness.request(.get, "/reports", as: manager)
            #expect(reports.text.contains("Making Safeguarding Personal"))
        }
    }
}
