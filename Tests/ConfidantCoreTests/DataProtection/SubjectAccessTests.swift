import ConfidantCore
import Foundation
import Testing

@Suite("Subject access: the request's form, its clock's changes, what is proposed for withholding, and the response")
struct SubjectAccessTests {
    static let lead = UUID()

    static func request(
        received: String, requester: SubjectAccessRequester = .thePerson, progress: SubjectAccessProgress = SubjectAccessProgress()
    ) -> SubjectAccessRequest {
        SubjectAccessRequest(
            id: UUID(), personID: UUID(),
            details: SubjectAccessDetails(
                requesterName: "Pat Parent", requester: requester, contact: "pat@example.org", whatAsked: "Everything", authority: ""),
            receivedOn: DataProtectionClockTests.day(received), progress: progress, recordedBy: lead, recordedAt: Date(timeIntervalSince1970: 0),
            releasedAt: nil)
    }

    static func noon(_ day: String) -> Date { DataProtectionClockTests.day(day).start.addingTimeInterval(12 * 3600) }

    @Test(
        "a request needs who asked, on what footing, where to answer, what and when; someone asking for another says how their authority was checked")
    func entry() throws {
        let today = DataProtectionClockTests.day("2026-12-07")
        let good = SubjectAccessEntry(
            requesterName: " Pat Parent ", requester: "parent", contact: "pat@example.org", whatAsked: "All records about Robin",
            authority: "Birth certificate seen", receivedOn: "01/12/2026")
        let checked = try good.checked(today: today).get()
        #expect(checked.details.requesterName == "Pat Parent" && checked.details.requester == .parent)
        #expect(checked.receivedOn == DataProtectionClockTests.day("2026-12-01"))

        guard case .failure(let empty) = SubjectAccessEntry(requester: "cousin", receivedOn: "2099-01-01").checked(today: today) else {
            Issue.record("an empty request was accepted")
            return
        }
        #expect(Set(empty.problems.map(\.field)) == ["requester_name", "requester", "contact", "what_asked", "received_on"])
        var noAuthority = good
        noAuthority.authority = "  "
        guard case .failure(let missing) = noAuthority.checked(today: today) else {
            Issue.record("a parent's request without a word on their authority was accepted")
            return
        }
        #expect(missing.problems.map(\.field) == ["authority"])
        noAuthority.requester = "the_person"
        #expect((try? noAuthority.checked(today: today).get()) != nil)
    }

    @Test(
        "stopping the clock: once at a time, not before receipt or the last restart, not in the future",
        arguments: [
            // Asked on, reason, accepted.
            ("2026-11-20", "identity", true), ("2026-11-10", "identity", false), ("2026-12-25", "identity", false),
            ("2026-11-20", "because", false), ("20/11/2026", "clarification", true), ("soon", "identity", false),
        ])
    func pausing(askedOn: String, reason: String, accepted: Bool) {
        let request = Self.request(received: "2026-11-16")
        let outcome = request.pausing(reason: reason, askedOn: askedOn, note: "", by: Self.lead, now: Self.noon("2026-12-07"))
        #expect(((try? outcome.get()) != nil) == accepted)
    }

    @Test("the clock stops and starts again, and the due day moves by the days it stood still")
    func stopAndStart() throws {
        let now = Self.noon("2026-12-07")
        var request = Self.request(received: "2026-11-16")
        #expect(request.clock.dueOn(today: CalendarDay(containing: now)) == DataProtectionClockTests.day("2026-12-16"))
        let paused = try request.pausing(reason: "identity", askedOn: "2026-11-20", note: "Asked for a passport", by: Self.lead, now: now).get()
        request = Self.request(received: "2026-11-16", progress: paused)
        #expect(request.standingWords(today: CalendarDay(containing: now)) == "Clock stopped: waiting for proof of identity")
        guard case .failure(let twice) = request.pausing(reason: "clarification", askedOn: "2026-11-21", note: "", by: Self.lead, now: now) else {
            Issue.record("a second stop while one is open was accepted")
            return
        }
        #expect(twice.problems.first?.message.contains("already stopped") == true)
        #expect((try? request.resuming(answeredOn: "2026-11-19", now: now).get()) == nil)
        let started = try request.resuming(answeredOn: "2026-11-30", now: now).get()
        request = Self.request(received: "2026-11-16", progress: started)
        // Ten days stopped: 16 December becomes 26 December, a Saturday, so Monday 28 December.
        #expect(request.clock.dueOn(today: CalendarDay(containing: now)) == DataProtectionClockTests.day("2026-12-28"))
        #expect(request.standingWords(today: CalendarDay(containing: now)) == "Due in 21 days, on 28 December 2026")
        #expect((try? request.resuming(answeredOn: "2026-12-01", now: now).get()) == nil)
    }

    @Test(
        "an extension: one or two months, a reason, told within the first month, once",
        arguments: [
            // Months, told on, accepted.
            ("1", "2026-12-01", true), ("2", "2026-12-10", true), ("3", "2026-12-01", false), ("0", "2026-12-01", false),
            ("1", "2026-12-17", false), ("1", "2026-11-10", false), ("x", "2026-12-01", false),
        ])
    func extending(months: String, toldOn: String, accepted: Bool) {
        let request = Self.request(received: "2026-11-16")
        let outcome = request.extending(months: months, reason: "Many records to read", toldOn: toldOn, by: Self.lead, now: Self.noon("2026-12-12"))
        #expect(((try? outcome.get()) != nil) == accepted)
    }

    @Test("an extended request is due later, cannot be extended again, and is overdue once the day passes")
    func extended() throws {
        let now = Self.noon("2026-12-07")
        let progress = try Self.request(received: "2026-11-16").extending(
            months: "2", reason: "Several requests at once", toldOn: "2026-12-07", by: Self.lead, now: now
        ).get()
        let request = Self.request(received: "2026-11-16", progress: progress)
        #expect(request.clock.dueOn(today: CalendarDay(containing: now)) == DataProtectionClockTests.day("2027-02-16"))
        #expect((try? request.extending(months: "1", reason: "More", toldOn: "2026-12-07", by: Self.lead, now: now).get()) == nil)
        let late = DataProtectionClockTests.day("2027-02-19")
        #expect(request.isOverdue(today: late))
        #expect(request.standingWords(today: late) == "Overdue by 3 days: it was due on 16 February 2027")
        #expect((try? request.extending(months: "", reason: "", toldOn: "", by: Self.lead, now: now).get()) == nil)
        guard case .failure(let blank) = Self.request(received: "2026-11-16").extending(months: "", reason: "", toldOn: "", by: Self.lead, now: now)
        else { return }
        #expect(Set(blank.problems.map(\.field)) == ["months", "extension_reason", "told_on"])
    }

    // MARK: Proposals and the response

    static let proposer = SubjectAccessProposer(
        subject: KnownPerson(name: "Robin Testchild", role: .child, aliases: ["Robs"]), own: ["12 Made-up Road, Testtown", "2014-03-27"],
        others: [KnownPerson(name: "Zed Testuncle", role: .adult)], staff: ["Sam Staffmember"], sources: ["Nell Neighbour"])

    static func piece(_ text: String) -> SubjectAccessPiece { SubjectAccessPiece(id: "concern:1:account", heading: "What was said", text: text) }

    @Test("the person's own name and details and staff named in their work stay; other people and whoever told us are proposed, each with its reason")
    func proposals() {
        let piece = Self.piece(
            "Robin Testchild (Robs) told Sam Staffmember that Zed Testuncle hit him. Nell Neighbour heard shouting. Zed's phone is 07700 900123.")
        let spans = Self.proposer.propose(piece)
        let proposed = spans.map { (piece.text(of: $0), $0.reason) }
        #expect(!proposed.contains { $0.0.contains("Robin") || $0.0.contains("Robs") || $0.0.contains("Sam") })
        #expect(proposed.contains { $0.0 == "Zed Testuncle" && $0.1 == .thirdParty })
        #expect(proposed.contains { $0.0 == "Nell Neighbour" && $0.1 == .source })
        #expect(proposed.contains { $0.0.contains("07700 900123") && $0.1 == .thirdParty })
        let own = Self.piece("Address: 12 Made-up Road, Testtown\nDate of birth: 2014-03-27")
        #expect(Self.proposer.propose(own).allSatisfy { !own.text(of: $0).contains("Made-up Road") })
    }

    @Test("the lead's decisions: a released proposal stays in, added words are withheld wherever they stand, overlaps join")
    func workspace() throws {
        let piece = Self.piece("Zed Testuncle came round. Later Uncle Z shouted; uncle z left.")
        let proposed = Self.proposer.propose(piece)
        let zed = try #require(proposed.first { piece.text(of: $0) == "Zed Testuncle" })
        var workspace = SubjectAccessWorkspace()
        workspace.released[piece.id] = [zed]
        #expect(!workspace.withheld(piece, proposed: proposed).contains(zed))
        workspace = try workspace.adding(words: "uncle z", reason: "TP", in: piece, field: "words-0").get()
        let added = workspace.withheld(piece, proposed: proposed).map { piece.text(of: $0) }
        #expect(added.filter { $0.lowercased().contains("uncle z") }.count == 2)
        #expect((try? workspace.adding(words: "Auntie Q", reason: "TP", in: piece, field: "words-0").get()) == nil)
        #expect((try? workspace.adding(words: "Zed", reason: "XX", in: piece, field: "words-0").get()) == nil)
        #expect((try? workspace.adding(words: "  ", reason: "TP", in: piece, field: "words-0").get()) == nil)
        let joined = SubjectAccessWorkspace(added: [piece.id: [AddedWords(words: "came round", reason: .source)]])
        let overlapping = [WithheldSpan(start: 0, end: 18, reason: .thirdParty)]
        #expect(joined.withheld(piece, proposed: overlapping) == [WithheldSpan(start: 0, end: 24, reason: .thirdParty)])
        #expect((try? workspace.adding(words: "Zed", reason: "CAD", in: piece, field: "words-0").get()) == nil)
        #expect((try? workspace.adding(words: String(repeating: "z", count: 5_001), reason: "TP", in: piece, field: "words-0").get()) == nil)
        // Added words are kept as words: an item whose text changes still withholds them wherever they now stand.
        let moved = SubjectAccessPiece(id: piece.id, heading: piece.heading, text: "Earlier, uncle z phoned.")
        #expect(workspace.withheld(moved, proposed: []).map { moved.text(of: $0) } == ["uncle z"])
    }

    @Test("the response: black boxes where words are withheld, whole items withheld, counts, a plain-text copy, a letter that says how to complain")
    func response() {
        let said = Self.piece("Zed Testuncle hit Robin Testchild, Nell Neighbour said.")
        let other = SubjectAccessPiece(id: "decision:2", heading: "Decision", text: "Referred to children's social care")
        let letter = SubjectAccessLetter(
            requesterName: "Robin Testchild", personName: "Robin Testchild", organisation: "Made-up Youth Trust",
            receivedOn: DataProtectionClockTests.day("2026-11-16"), sentOn: DataProtectionClockTests.day("2026-12-07"), forThemselves: true,
            signedBy: "Dana Lead\nDesignated safeguarding lead")
        let workspace = SubjectAccessWorkspace(withheldWhole: [other.id: .thirdParty])
        let response = SubjectAccessResponse.release(
            pieces: [said, other], withheldOf: { workspace.withheld($0, proposed: Self.proposer.propose($0)) },
            wholeOf: { workspace.whole($0, default: nil) }, letter: letter, now: Self.noon("2026-12-07"))
        let text = response.plainText
        #expect(!text.contains("Zed") && !text.contains("Nell") && !text.contains("Referred"))
        #expect(text.contains("[withheld: TP] hit Robin Testchild, [withheld: SRC] said."))
        #expect(text.contains("[withheld: TP] This item is withheld in full."))
        #expect(response.counts == [.thirdParty: 2, .source: 1])
        #expect(response.coverLetter.contains("Dear Robin Testchild,") && response.coverLetter.contains("about you"))
        #expect(response.coverLetter.contains("SRC (1 place)") && response.coverLetter.contains("TP (2 places)"))
        #expect(response.coverLetter.contains("Information Commissioner's Office") && response.coverLetter.contains("0303 123 1113"))
        #expect(response.digest.count == 64)
        let nothing = SubjectAccessResponse.release(
            pieces: [other], withheldOf: { _ in [] }, wholeOf: { _ in nil }, letter: letter, now: Self.noon("2026-12-07"))
        #expect(nothing.coverLetter.contains("Nothing has been held back.") && nothing.plainText.contains("Referred to children's social care"))
    }

    @Test("a staff member's first name alone does not hide a third party; the person's own details count only word for word")
    func proposerEdges() {
        let proposer = SubjectAccessProposer(
            subject: KnownPerson(name: "Robin Testchild", role: .child), own: ["St Mary's Primary", "12 Made-up Road, Testtown"],
            others: [], staff: ["Dave Staffmember"], sources: [])
        let piece = Self.piece("Her uncle Dave Brown hit her. Dave Staffmember saw it. Mary from next door phoned.")
        let proposed = proposer.propose(piece).map { piece.text(of: $0) }
        #expect(proposed.contains { $0.contains("Dave Brown") || $0 == "Brown" })
        #expect(!proposed.contains { $0.contains("Staffmember") })
        #expect(proposed.contains { $0.contains("Mary") })
    }

    @Test("an item withheld under the child-abuse-data exemption is left out, and the letter does not mention it")
    func childAbuseData() {
        let abuse = SubjectAccessPiece(id: "concern:9:account", heading: "Concern of 1 December 2026", text: "A made-up account of abuse")
        let kept = SubjectAccessPiece(id: "person:1:details", heading: "Their details", text: "Name: Robin Testchild")
        let letter = SubjectAccessLetter(
            requesterName: "Pat Testparent", personName: "Robin Testchild", organisation: "Made-up Youth Trust",
            receivedOn: DataProtectionClockTests.day("2026-11-16"), sentOn: DataProtectionClockTests.day("2026-12-07"), forThemselves: false,
            signedBy: "Dana Lead")
        let workspace = SubjectAccessWorkspace(withheldWhole: [abuse.id: .childAbuseData])
        let response = SubjectAccessResponse.release(
            pieces: [abuse, kept], withheldOf: { _ in [] }, wholeOf: { workspace.whole($0, default: nil) }, letter: letter,
            now: Self.noon("2026-12-07"))
        #expect(response.items.map(\.heading) == ["Their details"])
        #expect(!response.plainText.contains("CAD") && !response.plainText.contains("abuse"))
        #expect(response.coverLetter.contains("Nothing has been held back."))
        #expect(response.counts == [.childAbuseData: 1])
        // Who told us is withheld whole by default, until a lead releases it.
        let source = SubjectAccessPiece(id: "concern:9:third_party", heading: "Who told us", text: "Her swimming coach")
        #expect(SubjectAccessWorkspace().whole(source, default: .source) == .source)
        #expect(SubjectAccessWorkspace(releasedWhole: [source.id]).whole(source, default: .source) == nil)
    }
}
