import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Crypto
import Foundation
import SQLKit
import Testing

@Suite("People, concerns, addenda and decisions in the store")
struct RecordStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let key = DataKey(key: SymmetricKey(size: .bits256), id: "k-record-test")
    static let cipher = FieldCipher(current: key)

    /// Two staff members, a lead, a deputy and an administrator, and the stores over one database.
    struct World {
        let database: ConfidantDatabase
        let records: RecordStore
        let audit: AuditLogStore
        let sam: UserAccount
        let sky: UserAccount
        let dana: UserAccount
        let dev: UserAccount
        let ada: UserAccount
    }

    func world(_ database: ConfidantDatabase) async throws -> World {
        let users = UserStore(database)
        func make(_ name: String, _ email: String, _ role: UserRole) async throws -> UserAccount {
            try await users.create(try AccountDetails(name: name, email: email), role: role, passwordHash: nil, now: now, by: "system")
        }
        return World(
            database: database, records: RecordStore(database, cipher: Self.cipher), audit: AuditLogStore(database),
            sam: try await make("Sam Staffperson", "sam@example.org", .staff),
            sky: try await make("Sky Staffperson", "sky@example.org", .staff),
            dana: try await make("Dana Lead", "dana@example.org", .dsl),
            dev: try await make("Dev Deputy", "dev@example.org", .deputyDSL),
            ada: try await make("Ada Admin", "ada@example.org", .admin))
    }

    /// A draft with every answer the form asks for, about `person`, by `author`.
    func draft(
        about person: UUID, by author: UUID, risk: RiskLevel = .concern, categories: [ConcernCategory] = [.neglect],
        account: String = "She said there is no food at home."
    ) -> Concern {
        Concern(
            id: UUID(), personID: person, authorID: author, conversationAt: now.addingTimeInterval(-3600), disclosedBy: .person,
            limitsExplained: true, secrecyRequested: false, offered: .limited, categories: categories, risk: risk,
            narrative: ConcernNarrative(
                place: "The library", account: account, observations: "She looked tired.",
                opinion: "I think she is hungry.", limitsHow: "I said I might need to tell the lead.",
                actionsTaken: "Told the lead."),
            createdAt: now, updatedAt: now)
    }

    /// A concern saved and then submitted `minutes` after `now`.
    func submitted(
        _ w: World, about person: UUID, by author: UUID, risk: RiskLevel = .concern,
        categories: [ConcernCategory] = [.neglect], minutes: Double = 0
    ) async throws -> Concern {
        let saved = try await w.records.saveDraft(draft(about: person, by: author, risk: risk, categories: categories), by: author, now: now)
        return try await w.records.submit(saved, by: author, now: now.addingTimeInterval(minutes * 60))
    }

    static func id(_ id: UUID) -> String { id.uuidString.lowercased() }

    // MARK: People

    @Test("a person is sealed at rest, read back whole, and the read is logged before it is returned", arguments: TestDatabaseKind.available)
    func person(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let details = PersonDetails(
                name: "Zebedee Testchild", knownAs: "Zeb", dateOfBirth: "2014-03-27", contact: "01632 960000",
                identifiers: "UPN Q1234567")
            let person = try await w.records.createPerson(kind: .child, details: details, by: w.sam.id, now: now)
            #expect(person.kind == .child && person.details == details && person.createdBy == w.sam.id && person.createdAt == now)
            let created = try await w.audit.search(action: "record_created", target: "person:\(Self.id(person.id))")
            #expect(created.map(\.actor) == [Self.id(w.sam.id)])
            #expect(created.first?.detail == #"{"kind":"child"}"#)
            #expect(try await w.audit.search(action: "case_read").isEmpty)

            let read = try #require(try await w.records.person(person.id, readBy: w.dana, now: now))
            #expect(read == person)
            let reads = try await w.audit.search(action: "case_read", target: "person:\(Self.id(person.id))")
            #expect(reads.map(\.actor) == [Self.id(w.dana.id)])
            #expect(reads.first?.detail == #"{"parts":["identity"]}"#)

            // Nobody's name, date of birth or identifiers in the clear.
            let raw = try await database.strings("SELECT sealed_details FROM people")
            #expect(raw.count == 1)
            for secret in ["Zebedee", "Testchild", "2014-03-27", "Q1234567", "01632"] { #expect(!raw[0].contains(secret)) }
            #expect(try await database.strings("SELECT key_id FROM people") == ["k-record-test"])
            #expect(try await database.strings("SELECT kind FROM people") == ["child"])
        }
    }

    @Test("an unknown person is nil, and reading nothing logs nothing", arguments: TestDatabaseKind.available)
    func unknownPerson(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            #expect(try await w.records.person(UUID(), readBy: w.dana, now: now) == nil)
            #expect(try await w.records.personAccessFacts(UUID()) == nil)
            #expect(try await w.records.concern(UUID(), readBy: w.dana, now: now) == nil)
            #expect(try await w.records.concernFacts(UUID()) == nil)
            #expect(try await w.audit.search(action: "case_read").isEmpty)
        }
    }

    @Test("a possible duplicate goes to the leads for review in the same step; the recorder is told nothing", arguments: TestDatabaseKind.available)
    func duplicates(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let first = try await w.records.createPerson(
                kind: .child, details: PersonDetails(name: "Zoë Smith", dateOfBirth: "2014-03-27"),
                by: w.sky.id, now: now)
            let typed = PersonDetails(name: "Zoe Smyth", dateOfBirth: "2014-03-27")
            #expect(try await w.records.likelyDuplicates(of: typed).map(\.id) == [first.id])
            #expect(try await w.records.likelyDuplicates(of: PersonDetails(name: "Zoe Smith", dateOfBirth: "2015-01-01")).isEmpty)
            let second = try await w.records.createPerson(kind: .child, details: typed, by: w.sam.id, now: now, possibleDuplicates: [first.id])
            let reviews = DuplicateReviewStore(database)
            let open = try await reviews.open()
            #expect(open.map(\.personID) == [second.id])
            #expect(open.first?.matches == [first.id])
            #expect(open.first?.raisedBy == w.sam.id)
            #expect(try await reviews.openCount() == 1)
            let check = try await w.audit.search(action: "duplicate_check")
            #expect(check.map(\.target) == ["person:\(Self.id(second.id))"])
            #expect(check.first?.detail == #"{"possible_matches":["\#(Self.id(first.id))"],"shown_to_recorder":false}"#)
            // Both are kept, and both now look like each other.
            #expect(Set(try await w.records.likelyDuplicates(of: typed).map(\.id)) == [first.id, second.id])
            // A person with no possible duplicates raises no review.
            _ = try await w.records.createPerson(kind: .adult, details: PersonDetails(name: "Pat Parent"), by: w.sam.id, now: now)
            #expect(try await reviews.openCount() == 1)
        }
    }

    @Test("a relative is recorded and linked in one step; a relative of nobody leaves nobody behind", arguments: TestDatabaseKind.available)
    func relatives(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let child = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Zebedee Testchild"), by: w.sam.id, now: now)
            let parent = try await w.records.addRelative(
                to: child.id, kind: .adult, details: PersonDetails(name: "Pat Testparent"),
                as: .parentCarer, by: w.sam.id, now: now)
            let sister = try await w.records.addRelative(
                to: child.id, kind: .child, details: PersonDetails(name: "Sal Testchild"),
                as: .sibling, by: w.sam.id, now: now)
            let links = try await w.records.links(of: child.id)
            #expect(links.count == 2)
            #expect(links.first { $0.person.id == parent.id } == PersonLink(person: parent, relationship: .parentCarer))
            #expect(links.first { $0.person.id == sister.id } == PersonLink(person: sister, relationship: .sibling))
            // A link runs one way: from the person the record is about.
            #expect(try await w.records.links(of: parent.id) == [])
            let linked = try await w.audit.search(action: "record_created", target: "person:\(Self.id(child.id))")
            #expect(linked.count == 3)  // the child, then one event per link
            #expect(linked.contains { $0.detail.contains(#""relationship":"parent_carer""#) && $0.detail.contains("person:\(Self.id(parent.id))") })

            await #expect(throws: RecordError.notFound) {
                _ = try await w.records.addRelative(
                    to: UUID(), kind: .adult, details: PersonDetails(name: "Orphan Nolink"),
                    as: .other, by: w.sam.id, now: now)
            }
            #expect(try await w.records.likelyDuplicates(of: PersonDetails(name: "Orphan Nolink")).isEmpty)
            #expect(try await database.strings("SELECT kind FROM people").count == 3)
        }
    }

    @Test("many people are recorded in one go, each logged", arguments: TestDatabaseKind.available)
    func manyPeople(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let people = (1...25).map { (PersonKind.child, PersonDetails(name: "Testchild Number\($0)")) }
            try await w.records.createPeople(people, by: w.sam.id, now: now)
            #expect(try await w.audit.search(action: "record_created").count == 25)
            let known = try await w.records.knownPeople()
            #expect(Set(known.map(\.name)) == Set(people.map(\.1.name)))
            #expect(known.allSatisfy { $0.role == .child && $0.aliases.isEmpty })
        }
    }

    @Test("the redactor knows every person by name, with their known-as name", arguments: TestDatabaseKind.available)
    func knownPeople(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            #expect(try await w.records.knownPeople() == [])
            _ = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Kayden O'Neill", knownAs: "Kay"), by: w.sam.id, now: now)
            _ = try await w.records.createPerson(kind: .adultAtRisk, details: PersonDetails(name: "Margaret Testadult"), by: w.sam.id, now: now)
            #expect(
                Set(try await w.records.knownPeople()) == [
                    KnownPerson(name: "Kayden O'Neill", role: .child, aliases: ["Kay"]),
                    KnownPerson(name: "Margaret Testadult", role: .adult, aliases: []),
                ])
        }
    }

    // MARK: Search and what each reader may see

    @Test(
        "a search finds close spellings among the people the reader may see, and names what it showed in the log",
        arguments: TestDatabaseKind.available)
    func search(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let samsZoe = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Zoe Smith"), by: w.sam.id, now: now)
            let skysJo = try await w.records.createPerson(
                kind: .child, details: PersonDetails(name: "Jo Smith", identifiers: "UPN B77"),
                by: w.sky.id, now: now)
            _ = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Priya Patel"), by: w.sky.id, now: now)
            // Sky writes a concern about Sam's Zoe, so Sky may see her too.
            _ = try await submitted(w, about: samsZoe.id, by: w.sky.id)

            func visible(to user: UserAccount) -> (Person) -> Bool {
                { person in
                    // In the app the route gathers these facts; the test asks the store the same way.
                    let authors = person.id == samsZoe.id ? [w.sky.id] : []
                    return RecordAccess.canRead(personCreatedBy: person.createdBy, concernAuthors: authors, user: user)
                }
            }
            #expect(
                try await w.records.searchPeople("smith", readBy: w.sam, visibleTo: visible(to: w.sam), now: now).people.map(\.id) == [samsZoe.id])
            #expect(
                Set(try await w.records.searchPeople("SMITH", readBy: w.sky, visibleTo: visible(to: w.sky), now: now).people.map(\.id))
                    == [samsZoe.id, skysJo.id])
            #expect(
                Set(try await w.records.searchPeople("smith", readBy: w.dana, visibleTo: visible(to: w.dana), now: now).people.map(\.id))
                    == [samsZoe.id, skysJo.id])
            #expect(try await w.records.searchPeople("smith", readBy: w.ada, visibleTo: visible(to: w.ada), now: now).people == [])
            #expect(
                try await w.records.searchPeople("Zoe Smyth", readBy: w.dana, visibleTo: { _ in true }, now: now).people.map(\.id) == [samsZoe.id])
            #expect(try await w.records.searchPeople("b77", readBy: w.dana, visibleTo: { _ in true }, now: now).people.map(\.id) == [skysJo.id])
            #expect(try await w.records.searchPeople("", readBy: w.dana, visibleTo: { _ in true }, now: now).people == [])

            // Each search is one event naming only what it showed; "who has seen" finds it.
            let searches = try await w.audit.search(action: "case_read", target: "people:search")
            #expect(searches.count == 7)
            let bySam = try #require(searches.first { $0.actor == Self.id(w.sam.id) })
            #expect(bySam.detail == #"{"parts":["person:\#(Self.id(samsZoe.id))"]}"#)
            let byAda = try #require(searches.first { $0.actor == Self.id(w.ada.id) })
            #expect(byAda.detail == #"{"parts":[]}"#)
            let viewers = try await w.audit.viewers(of: "person:\(Self.id(skysJo.id))")
            #expect(Set(viewers.map(\.actor)) == [Self.id(w.sky.id), Self.id(w.dana.id)])
        }
    }

    @Test(
        "the blind index finds exact names, first names, known-as names, misspellings and dates of birth; it holds no name, and a person indexed under another key is still found",
        arguments: TestDatabaseKind.available)
    func blindIndex(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let kayden = try await w.records.createPerson(
                kind: .child, details: PersonDetails(name: "Kayden O'Neill", knownAs: "Kay", dateOfBirth: "2013-05-14"), by: w.sam.id, now: now)
            let stephen = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Stephen Quagmire"), by: w.sam.id, now: now)
            let olena = try await w.records.createPerson(kind: .adult, details: PersonDetails(name: "Olena Kovalenko"), by: w.sam.id, now: now)
            func found(_ text: String) async throws -> Set<UUID> {
                Set(try await w.records.searchPeople(text, readBy: w.dana, visibleTo: { _ in true }, now: now).people.map(\.id))
            }
            for (text, expected) in [
                ("Kayden O'Neill", [kayden.id]), ("kayden", [kayden.id]), ("Kay", [kayden.id]), ("kaiden", [kayden.id]), ("oneill", [kayden.id]),
                ("steven", [stephen.id]), ("quagmier", [stephen.id]), ("Olena Kovalneko", [olena.id]), ("14/05/2013", [kayden.id]),
                ("k", [kayden.id, olena.id]), ("nobody", []), ("kay stephen", []),
            ] {
                #expect(try await found(text) == Set(expected), "\(text)")
            }
            // A search shows the first it finds and says when there are more.
            let first = try await w.records.searchPeople("k", readBy: w.dana, visibleTo: { _ in true }, limit: 1, now: now)
            #expect(first.people.count == 1 && first.more)
            let all = try await w.records.searchPeople("k", readBy: w.dana, visibleTo: { _ in true }, limit: 2, now: now)
            #expect(Set(all.people.map(\.id)) == [kayden.id, olena.id] && !all.more)
            // A full page of 50 is logged whole, though its ids are more than one event's detail holds.
            try await w.records.createPeople(
                (0..<60).map { (.child, PersonDetails(name: "Kim Testperson \($0)")) }, by: w.sam.id, now: now)
            let many = try await w.records.searchPeople("testperson", readBy: w.dana, visibleTo: { _ in true }, now: now)
            #expect(many.people.count == 50 && many.more)
            let logged = try await database.strings("SELECT detail FROM audit_events WHERE target = 'people:search'").joined()
            #expect(many.people.allSatisfy { logged.contains($0.id.uuidString.lowercased()) })
            // Terms, never words: no name or part of one in the index's rows.
            let terms = try await database.strings("SELECT term FROM person_search_terms")
            #expect(terms.count > 50)
            #expect(terms.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
            #expect(try await database.strings("SELECT DISTINCT search_key_id FROM people") == [Self.key.id])

            // After a rotation the terms are keyed anew; until a person is re-indexed they are still found, compared
            // the slow way, and a re-index leaves nobody to do.
            let rotated = RecordStore(
                database, cipher: FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "k-next"), previous: [Self.key]))
            #expect(Set(try await rotated.searchPeople("kayden", readBy: w.dana, visibleTo: { _ in true }, now: now).people.map(\.id)) == [kayden.id])
            #expect(try await rotated.searchPeople("nobody", readBy: w.dana, visibleTo: { _ in true }, now: now).people.isEmpty)
            #expect(try await rotated.indexPeopleForSearch(batchSize: 25) == 63)
            #expect(try await rotated.indexPeopleForSearch() == 0)
            #expect(try await database.strings("SELECT DISTINCT search_key_id FROM people") == ["k-next"])
            #expect(Set(try await rotated.searchPeople("kaiden", readBy: w.dana, visibleTo: { _ in true }, now: now).people.map(\.id)) == [kayden.id])
            // A corrected name is found by its new words only.
            _ = try await rotated.correctPerson(olena.id, kind: .adult, details: PersonDetails(name: "Olena Shevchenko"), by: w.dana.id, now: now)
            #expect(try await rotated.searchPeople("kovalenko", readBy: w.dana, visibleTo: { _ in true }, now: now).people.isEmpty)
            #expect(try await rotated.searchPeople("shevchenko", readBy: w.dana, visibleTo: { _ in true }, now: now).people.map(\.id) == [olena.id])
        }
    }

    @Test("access facts tell who may read a person and a concern without opening either", arguments: TestDatabaseKind.available)
    func accessFacts(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let person = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Zebedee Testchild"), by: w.sam.id, now: now)
            let bySky = try await submitted(w, about: person.id, by: w.sky.id)
            let samsDraft = try await w.records.saveDraft(draft(about: person.id, by: w.sam.id), by: w.sam.id, now: now)

            let facts = try #require(try await w.records.personAccessFacts(person.id))
            #expect(facts.createdBy == w.sam.id)
            #expect(Set(facts.concernAuthors) == [w.sky.id, w.sam.id])
            let stranger = try await database.testAccount("Stan Stranger", "stan@example.org", role: .staff, passwordHash: nil, now: now)
            let readers = [w.sam, w.sky, w.dana, w.dev, w.ada, stranger]
            #expect(
                readers.map { RecordAccess.canRead(personCreatedBy: facts.createdBy, concernAuthors: facts.concernAuthors, user: $0) }
                    == [true, true, true, true, false, false])

            let concernFacts = try #require(try await w.records.concernFacts(bySky.id))
            #expect(concernFacts.authorID == w.sky.id && concernFacts.personID == person.id && concernFacts.status == .submitted)
            #expect(readers.map { RecordAccess.canRead(concernBy: concernFacts.authorID, user: $0) } == [false, true, true, true, false, false])
            #expect(try await w.records.concernFacts(samsDraft.id)?.status == .draft)
            // None of that was a read of content.
            #expect(try await w.audit.search(action: "case_read").isEmpty)
        }
    }

    // MARK: Drafts and submitting

    @Test(
        "a draft is the author's: saved and saved again by them, refused to anyone else; no event until it is submitted",
        arguments: TestDatabaseKind.available)
    func drafts(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let person = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Zebedee Testchild"), by: w.sam.id, now: now)
            // Whatever the caller claims about author and status, the store decides them.
            var claimed = draft(about: person.id, by: w.dana.id)
            claimed.status = .submitted
            claimed.submittedAt = now
            let saved = try await w.records.saveDraft(claimed, by: w.sam.id, now: now)
            #expect(saved.authorID == w.sam.id && saved.status == .draft && saved.createdAt == now && saved.updatedAt == now)
            // Concern.submittedAt: "nil for a draft"; the triage order reads it before createdAt.
            #expect(saved.submittedAt == nil)

            var edited = saved
            edited.narrative.account = "She said there has been no food at home since Friday."
            edited.categories = [.neglect, .emotional]
            let later = now.addingTimeInterval(600)
            let resaved = try await w.records.saveDraft(edited, by: w.sam.id, now: later)
            #expect(resaved.updatedAt == later && resaved.createdAt == now && resaved.status == .draft)
            let read = try #require(try await w.records.concern(saved.id, readBy: w.sam, now: later))
            #expect(read.narrative.account == "She said there has been no food at home since Friday.")
            #expect(read.categories == [.neglect, .emotional])
            #expect(read.createdAt == now && read.updatedAt == later && read.status == .draft)
            #expect(read.submittedAt == nil)

            await #expect(throws: RecordError.notFound) { _ = try await w.records.saveDraft(edited, by: w.sky.id, now: later) }
            await #expect(throws: RecordError.notFound) { _ = try await w.records.saveDraft(edited, by: w.dana.id, now: later) }
            await #expect(throws: RecordError.notFound) {
                _ = try await w.records.saveDraft(draft(about: UUID(), by: w.sam.id), by: w.sam.id, now: now)
            }
            #expect(try await w.audit.search(action: "record_created", target: "concern:\(Self.id(saved.id))").isEmpty)
            #expect(try await w.records.concerns(writtenBy: w.sky.id) == [])
        }
    }

    @Test("submitting signs the concern with its author and the time; after that it cannot change", arguments: TestDatabaseKind.available)
    func submit(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let person = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Zebedee Testchild"), by: w.sam.id, now: now)
            var saved = try await w.records.saveDraft(draft(about: person.id, by: w.sam.id, risk: .immediateDanger), by: w.sam.id, now: now)
            saved.offered = .absolute
            let at = now.addingTimeInterval(900)

            await #expect(throws: RecordError.notFound) { _ = try await w.records.submit(saved, by: w.sky.id, now: at) }
            await #expect(throws: RecordError.notFound) { _ = try await w.records.submit(saved, by: w.dana.id, now: at) }
            await #expect(throws: RecordError.notFound) {
                _ = try await w.records.submit(draft(about: person.id, by: w.sam.id), by: w.sam.id, now: at)
            }

            var claimed = saved
            claimed.createdAt = at.addingTimeInterval(99)  // the first save's time is kept, not the caller's
            let submitted = try await w.records.submit(claimed, by: w.sam.id, now: at)
            #expect(submitted.status == .submitted && submitted.submittedAt == at && submitted.updatedAt == at && submitted.createdAt == now)
            #expect(submitted.offered == .absolute)
            let read = try #require(try await w.records.concern(saved.id, readBy: w.dana, now: at))
            #expect(read == submitted)

            let signed = try await w.audit.search(action: "record_created", target: "concern:\(Self.id(saved.id))")
            #expect(signed.map(\.actor) == [Self.id(w.sam.id)])
            #expect(
                signed.first?.detail
                    == #"{"alerts":["immediate_danger","absolute_confidentiality_offered"],"person":"person:\#(Self.id(person.id))","risk":"immediate_danger"}"#
            )

            await #expect(throws: RecordError.submittedIsFinal) { _ = try await w.records.submit(submitted, by: w.sam.id, now: at) }
            await #expect(throws: RecordError.submittedIsFinal) { _ = try await w.records.saveDraft(submitted, by: w.sam.id, now: at) }
            #expect(try await w.records.concern(saved.id, readBy: w.dana, now: at) == submitted)
        }
    }

    @Test("a concern read is logged with the parts it opens, before they are returned", arguments: TestDatabaseKind.available)
    func concernReadIsLogged(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let person = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Zebedee Testchild"), by: w.sam.id, now: now)
            let concern = try await submitted(w, about: person.id, by: w.sam.id)
            _ = try await w.records.concern(concern.id, readBy: w.dev, now: now)
            let reads = try await w.audit.search(action: "case_read", target: "concern:\(Self.id(concern.id))")
            #expect(reads.map(\.actor) == [Self.id(w.dev.id)])
            #expect(reads.first?.detail == #"{"parts":["account","observations","opinion","narrative"]}"#)
            let raw = try await database.strings("SELECT sealed_narrative FROM concerns")
            #expect(raw.count == 1 && !raw[0].contains("food") && !raw[0].contains("library"))
            // The facts the queue sorts by stay readable without the key.
            #expect(try await database.strings("SELECT risk FROM concerns") == ["concern"])
            // A list column: PostgreSQL text[] (read as text here), SQLite JSON.
            let categories = try await database.strings(
                database.isPostgres ? "SELECT category_list::text FROM concerns" : "SELECT category_list FROM concerns")
            #expect(categories == [database.isPostgres ? "{neglect}" : #"["neglect"]"#])
        }
    }

    @Test(
        "a person's chronology shows submitted concerns and the reader's own drafts, never another's draft",
        arguments: TestDatabaseKind.available)
    func chronology(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let person = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Zebedee Testchild"), by: w.sam.id, now: now)
            let other = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Sal Testchild"), by: w.sam.id, now: now)
            let samsSubmitted = try await submitted(w, about: person.id, by: w.sam.id, minutes: 1)
            let skysSubmitted = try await submitted(w, about: person.id, by: w.sky.id, minutes: 2)
            let samsDraft = try await w.records.saveDraft(draft(about: person.id, by: w.sam.id), by: w.sam.id, now: now.addingTimeInterval(300))
            let skysDraft = try await w.records.saveDraft(draft(about: person.id, by: w.sky.id), by: w.sky.id, now: now.addingTimeInterval(400))
            let elsewhere = try await submitted(w, about: other.id, by: w.sam.id, minutes: 3)

            #expect(
                Set(try await w.records.concerns(about: person.id, includeDraftsBy: w.sam.id).map(\.id))
                    == [samsSubmitted.id, skysSubmitted.id, samsDraft.id])
            #expect(
                Set(try await w.records.concerns(about: person.id, includeDraftsBy: w.sky.id).map(\.id))
                    == [samsSubmitted.id, skysSubmitted.id, skysDraft.id])
            #expect(Set(try await w.records.concerns(about: person.id, includeDraftsBy: nil).map(\.id)) == [samsSubmitted.id, skysSubmitted.id])
            #expect(
                Set(try await w.records.concerns(about: person.id, includeDraftsBy: w.dana.id).map(\.id)) == [samsSubmitted.id, skysSubmitted.id])
            // A staff member's own work, last changed first, drafts included.
            #expect(try await w.records.concerns(writtenBy: w.sam.id).map(\.id) == [samsDraft.id, elsewhere.id, samsSubmitted.id])
            #expect(try await w.records.concerns(writtenBy: w.sky.id).map(\.id) == [skysDraft.id, skysSubmitted.id])
        }
    }

    // MARK: Addenda

    @Test(
        "addenda are added to submitted concerns only, oldest first, sealed, and the concern stays as it was",
        arguments: TestDatabaseKind.available)
    func addenda(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let person = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Zebedee Testchild"), by: w.sam.id, now: now)
            let concern = try await submitted(w, about: person.id, by: w.sam.id)
            let draft = try await w.records.saveDraft(draft(about: person.id, by: w.sam.id), by: w.sam.id, now: now)

            let second = try await w.records.addAddendum(
                to: concern.id, text: "Later she said it was her uncle.", by: w.sam.id,
                now: now.addingTimeInterval(7200))
            let first = try await w.records.addAddendum(
                to: concern.id, text: "Correction: it was Tuesday, not Monday.", by: w.dana.id,
                now: now.addingTimeInterval(3600))
            #expect(second.concernID == concern.id && second.authorID == w.sam.id && second.createdAt == now.addingTimeInterval(7200))
            #expect(try await w.records.addenda(of: concern.id) == [first, second])
            #expect(try await w.records.addenda(of: draft.id) == [])
            #expect(try await w.records.concern(concern.id, readBy: w.dana, now: now) == concern)

            await #expect(throws: RecordError.notNow("Addenda are for submitted records; a draft can still be edited.")) {
                _ = try await w.records.addAddendum(to: draft.id, text: "Too early", by: w.sam.id, now: now)
            }
            await #expect(throws: RecordError.notFound) {
                _ = try await w.records.addAddendum(to: UUID(), text: "Nowhere", by: w.sam.id, now: now)
            }
            let added = try await w.audit.search(action: "addendum_added")
            #expect(Set(added.map(\.actor)) == [Self.id(w.sam.id), Self.id(w.dana.id)])
            #expect(added.allSatisfy { $0.target == "concern:\(Self.id(concern.id))" } && added.count == 2)
            let raw = try await database.strings("SELECT sealed_text FROM addenda")
            #expect(raw.count == 2 && raw.allSatisfy { !$0.contains("uncle") && !$0.contains("Tuesday") })
        }
    }

    // MARK: Triage

    @Test(
        "the leads' queue holds submitted, undecided concerns, most urgent first; a decision takes one off",
        arguments: TestDatabaseKind.available)
    func triage(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let person = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Zebedee Testchild"), by: w.sam.id, now: now)
            let quiet = try await submitted(w, about: person.id, by: w.sam.id, risk: .none, minutes: 1)
            let harm = try await submitted(w, about: person.id, by: w.sky.id, risk: .significantHarm, minutes: 2)
            let danger = try await submitted(w, about: person.id, by: w.sam.id, risk: .immediateDanger, minutes: 3)
            let olderQuiet = try await submitted(w, about: person.id, by: w.sky.id, risk: .concern, minutes: 0)
            let draft = try await w.records.saveDraft(draft(about: person.id, by: w.sam.id, risk: .immediateDanger), by: w.sam.id, now: now)

            #expect(try await w.records.triageQueue().map(\.id) == [danger.id, harm.id, olderQuiet.id, quiet.id])
            #expect(try await w.records.waitingCount() == 4)

            await #expect(throws: RecordError.notFound) {
                _ = try await w.records.decide(draft.id, outcome: .share, reason: "Too early", reviewDate: nil, by: w.dana.id, now: now)
            }
            await #expect(throws: RecordError.notFound) {
                _ = try await w.records.decide(UUID(), outcome: .share, reason: "Nothing", reviewDate: nil, by: w.dana.id, now: now)
            }
            let at = now.addingTimeInterval(3600)
            let decision = try await w.records.decide(
                harm.id, outcome: .monitor, reason: "Watch for a pattern; speak to the family.",
                reviewDate: "2026-12-02", by: w.dana.id, now: at)
            #expect(decision.concernID == harm.id && decision.deciderID == w.dana.id && decision.outcome == .monitor)
            #expect(decision.reviewDate == "2026-12-02" && decision.decidedAt == at)
            #expect(try await w.records.decisions(on: harm.id) == [decision])
            #expect(try await w.records.decisions(on: danger.id) == [])
            #expect(try await w.records.triageQueue().map(\.id) == [danger.id, olderQuiet.id, quiet.id])
            #expect(try await w.records.waitingCount() == 3)

            let decided = try await w.audit.search(action: "triage_decision", target: "concern:\(Self.id(harm.id))")
            #expect(decided.map(\.detail) == [#"{"outcome":"monitor"}"#])
            let raw = try await database.strings("SELECT sealed_reason FROM triage_decisions")
            #expect(raw.count == 1 && !raw[0].contains("pattern"))

            // A later decision on the same concern is kept beside the first, in order.
            let second = try await w.records.decide(
                harm.id, outcome: .share, reason: "A second disclosure.", reviewDate: nil,
                by: w.dev.id, now: at.addingTimeInterval(86_400))
            #expect(try await w.records.decisions(on: harm.id) == [decision, second])
            #expect(try await w.records.waitingCount() == 3)
        }
    }

    @Test(
        "the queue is read a page at a time in its order, deep pages included, and a decision mid-way skips nothing",
        arguments: TestDatabaseKind.available)
    func triagePages(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let person = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Yara Testchild"), by: w.sam.id, now: now)
            let risks: [RiskLevel] = [.none, .concern, .significantHarm, .immediateDanger]
            var made: [Concern] = []
            // Several share a submission time, so the id breaks ties.
            for n in 0..<23 { made.append(try await submitted(w, about: person.id, by: w.sam.id, risk: risks[n % 4], minutes: Double(n / 3))) }
            let whole = made.sorted { a, b in
                a.triagePriority != b.triagePriority
                    ? a.triagePriority < b.triagePriority
                    : (a.submittedAt ?? now) != (b.submittedAt ?? now)
                        ? (a.submittedAt ?? now) < (b.submittedAt ?? now) : a.id.uuidString < b.id.uuidString
            }
            var seen: [UUID] = []
            var after: TriageCursor?
            var pages = 0
            repeat {
                let page = try await w.records.triageQueue(after: after, limit: 5)
                #expect(page.concerns.count <= 5)
                seen += page.concerns.map(\.id)
                after = page.next
                // A cursor survives the trip through a link.
                if let cursor = after { #expect(TriageCursor(text: cursor.text) == cursor) }
                pages += 1
            } while after != nil && pages < 10
            #expect(pages == 5)
            #expect(Set(seen) == Set(made.map(\.id)) && seen.count == 23)
            #expect(seen.map { id in made.first { $0.id == id }?.triagePriority ?? -1 } == whole.map(\.triagePriority))
            #expect(try await w.records.triageQueue().map(\.id) == seen)
            // A decision on a concern already shown does not move the next page.
            let first = try await w.records.triageQueue(after: nil, limit: 5)
            _ = try await w.records.decide(first.concerns[0].id, outcome: .monitor, reason: "Seen", reviewDate: nil, by: w.dana.id, now: now)
            let second = try await w.records.triageQueue(after: first.next, limit: 5)
            #expect(second.concerns.map(\.id) == Array(seen[5..<10]))
            #expect(try await w.records.waitingCount() == 22)
            #expect(TriageCursor(text: "nonsense") == nil && TriageCursor(text: "1_nan_\(UUID())") == nil)
        }
    }

    @Test("a submitted concern is assigned to a lead; a draft cannot be", arguments: TestDatabaseKind.available)
    func assign(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let person = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Zebedee Testchild"), by: w.sam.id, now: now)
            let concern = try await submitted(w, about: person.id, by: w.sam.id)
            let draft = try await w.records.saveDraft(draft(about: person.id, by: w.sam.id), by: w.sam.id, now: now)
            #expect(concern.assignedTo == nil)
            try await w.records.assign(concern.id, to: w.dev.id, by: w.dana.id, now: now)
            #expect(try await w.records.concern(concern.id, readBy: w.dana, now: now)?.assignedTo == w.dev.id)
            // Assigning is not deciding: it stays in the queue.
            #expect(try await w.records.triageQueue().map(\.id) == [concern.id])
            let events = try await w.audit.search(action: "triage_decision")
            #expect(events.map(\.detail) == [#"{"assigned_to":"\#(Self.id(w.dev.id))"}"#])
            #expect(events.map(\.actor) == [Self.id(w.dana.id)])
            await #expect(throws: RecordError.notFound) { try await w.records.assign(draft.id, to: w.dev.id, by: w.dana.id, now: now) }
            await #expect(throws: RecordError.notFound) { try await w.records.assign(UUID(), to: w.dev.id, by: w.dana.id, now: now) }
        }
    }

    @Test("report facts: submitted concerns of a period with their first triage decision, and nothing else", arguments: TestDatabaseKind.available)
    func reportFacts(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let reports = ReportStore(database, cipher: Self.cipher)
            // A day-long period around now, in UTC: the two concerns inside, the one two hours later outside it only
            // if the day ends first, so the period is the day of `now` and the check is by time.
            let day = CalendarDay(containing: now)
            let period = try ReportPeriod(first: day, last: day, timeZone: TimeZone(identifier: "UTC")!)
            #expect(try await reports.concerns(in: period).facts.isEmpty)
            let person = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Zebedee Testchild"), by: w.sam.id, now: now)
            let first = try await submitted(w, about: person.id, by: w.sam.id, risk: .significantHarm, categories: [.physical, .neglect])
            _ = try await submitted(w, about: person.id, by: w.sky.id, categories: [.onlineHarm], minutes: 10)
            _ = try await submitted(w, about: person.id, by: w.sky.id, categories: [.onlineHarm], minutes: 11)
            // A draft is not counted, nor a concern of another day.
            _ = try await w.records.saveDraft(draft(about: person.id, by: w.sam.id, categories: [.sexual]), by: w.sam.id, now: now)
            _ = try await submitted(w, about: person.id, by: w.sky.id, categories: [.sexual], minutes: 3 * 24 * 60)
            _ = try await w.records.decide(
                first.id, outcome: .monitor, reason: "Watch", reviewDate: "2027-01-01", by: w.dana.id, now: now.addingTimeInterval(600))
            _ = try await w.records.decide(
                first.id, outcome: .referredPolice, reason: "Later", reviewDate: nil, by: w.dana.id, now: now.addingTimeInterval(900))
            let (facts, timings) = try await reports.concerns(in: period)
            // The two alike concerns are counted together.
            #expect(facts.map(\.count).sorted() == [1, 2])
            let triaged = try #require(facts.first { $0.count == 1 })
            #expect(triaged.categories == [.physical, .neglect] && triaged.risk == .significantHarm)
            #expect(triaged.disclosedBy == .person && triaged.limitsExplained == true && triaged.offered == .limited)
            #expect(triaged.firstTriage?.outcome == .monitor)
            #expect(facts.first { $0.count == 2 }?.firstTriage == nil)
            #expect(facts.allSatisfy { $0.submittedAt == period.start })
            #expect(timings.count == 3)
            let timed = try #require(timings.first { $0.triagedAt != nil })
            #expect(timed.triagedAt == now.addingTimeInterval(600) && timed.conversationAt == now.addingTimeInterval(-3600))
            // A concern decided before the first decision was kept on it gets the same from the migration's fill.
            let sql = try #require(database.database as? any SQLDatabase)
            try await sql.raw("UPDATE concerns SET first_triaged_at = NULL, first_triage_outcome = NULL").run()
            #expect(try await reports.concerns(in: period).facts.allSatisfy { $0.firstTriage == nil })
            try await AddFirstTriage.fill(sql)
            let filled = try await reports.concerns(in: period)
            #expect(filled.facts.first { $0.count == 1 }?.firstTriage?.outcome == .monitor)
            #expect(filled.timings.compactMap(\.triagedAt) == [now.addingTimeInterval(600)])
            // Counting reads no record: no case content was opened, so nothing is logged as read.
            #expect(try await w.audit.search(action: "case_read").isEmpty)
        }
    }

    // MARK: Logged lists

    @Test("a list page is one read event per forty records; even an empty list is logged", arguments: TestDatabaseKind.available)
    func pageReads(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let names = (0..<85).map { "concern:\($0)" }
            try await w.records.logPageRead(names, page: "page:triage", by: w.dana, now: now)
            let events = try await w.audit.search(action: "case_read", target: "page:triage").reversed()
            #expect(events.map { $0.detail.components(separatedBy: "concern:").count - 1 } == [40, 40, 5])
            #expect(events.first?.detail.hasPrefix(#"{"parts":["concern:0","concern:1","#) == true)
            #expect(events.last?.detail == #"{"parts":["concern:80","concern:81","concern:82","concern:83","concern:84"]}"#)
            try await w.records.logPageRead([], page: "page:empty", by: w.dana, now: now)
            #expect(try await w.audit.search(action: "case_read", target: "page:empty").map(\.detail) == [#"{"parts":[]}"#])
            try await w.records.logPageRead(Array(names.prefix(40)), page: "page:forty", by: w.dana, now: now)
            #expect(try await w.audit.search(action: "case_read", target: "page:forty").count == 1)
        }
    }

    @Test("people shown in a duplicate warning are logged; showing nobody logs nothing", arguments: TestDatabaseKind.available)
    func shown(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let zoe = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Zoe Smith"), by: w.sam.id, now: now)
            try await w.records.logShown([], to: w.sam, now: now)
            #expect(try await w.audit.search(action: "case_read").isEmpty)
            try await w.records.logShown([zoe], to: w.sam, now: now)
            let events = try await w.audit.search(action: "case_read", target: "people:duplicate-check")
            #expect(events.map(\.detail) == [#"{"parts":["person:\#(Self.id(zoe.id))"]}"#])
            #expect(try await w.audit.viewers(of: "person:\(Self.id(zoe.id))").map(\.actor) == [Self.id(w.sam.id)])
        }
    }

    // MARK: Sealing

    @Test("content moved onto another row does not open there, and says which record", arguments: TestDatabaseKind.available)
    func movedContent(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let a = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Alex Testchild"), by: w.sam.id, now: now)
            let boxOfA = try #require(try await database.strings("SELECT sealed_details FROM people").first)
            let b = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Bea Testchild"), by: w.sam.id, now: now)
            try await database.execute("UPDATE people SET sealed_details = '\(boxOfA)'")
            #expect(try await w.records.person(a.id, readBy: w.dana, now: now)?.details.name == "Alex Testchild")
            await #expect(throws: CipherError.damaged("person:\(b.id)")) { _ = try await w.records.person(b.id, readBy: w.dana, now: now) }
            // A search opens everyone, so it refuses too rather than skip a record silently.
            await #expect(throws: CipherError.damaged("person:\(b.id)")) { _ = try await w.records.knownPeople() }
        }
    }

    @Test(
        "a store without the key refuses to open, naming the key; a ring with it as a previous key opens",
        arguments: TestDatabaseKind.available)
    func keys(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let person = try await w.records.createPerson(kind: .child, details: PersonDetails(name: "Zebedee Testchild"), by: w.sam.id, now: now)
            let concern = try await submitted(w, about: person.id, by: w.sam.id)
            let newKey = DataKey(key: SymmetricKey(size: .bits256), id: "k-record-next")
            let without = RecordStore(database, cipher: FieldCipher(current: newKey))
            await #expect(throws: CipherError.unknownKey("k-record-test")) { _ = try await without.person(person.id, readBy: w.dana, now: now) }
            await #expect(throws: CipherError.unknownKey("k-record-test")) { _ = try await without.concern(concern.id, readBy: w.dana, now: now) }
            await #expect(throws: CipherError.unknownKey("k-record-test")) { _ = try await without.triageQueue() }

            let rotated = RecordStore(database, cipher: FieldCipher(current: newKey, previous: [Self.key]))
            #expect(try await rotated.person(person.id, readBy: w.dana, now: now) == person)
            #expect(try await rotated.concern(concern.id, readBy: w.dana, now: now) == concern)
            // New content is sealed under the new key; the old store cannot open it.
            let newer = try await rotated.createPerson(kind: .adult, details: PersonDetails(name: "Pat Testparent"), by: w.sam.id, now: now)
            #expect(Set(try await database.strings("SELECT key_id FROM people")) == ["k-record-test", "k-record-next"])
            await #expect(throws: CipherError.unknownKey("k-record-next")) { _ = try await w.records.person(newer.id, readBy: w.dana, now: now) }
        }
    }

    @Test("long narratives in any script survive the database exactly", arguments: TestDatabaseKind.available)
    func longContent(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let w = try await world(database)
            let name = "Zoë Ñandú-O'Neill 王小明"
            let person = try await w.records.createPerson(
                kind: .child, details: PersonDetails(name: name, knownAs: String(repeating: "é", count: 2_000)),
                by: w.sam.id, now: now)
            let long = String(repeating: "Она сказала: «дома нет еды». 🍞\n", count: 600)
            #expect(long.unicodeScalars.count <= ConcernNarrative.maximumFieldLength)
            var concern = draft(about: person.id, by: w.sam.id, account: long)
            concern.narrative.opinion = ""
            concern.narrative.thirdParty = "\u{0}\t'\"\\; DROP TABLE concerns; --"
            let saved = try await w.records.saveDraft(concern, by: w.sam.id, now: now)
            let read = try #require(try await w.records.concern(saved.id, readBy: w.sam, now: now))
            #expect(read.narrative == concern.narrative)
            #expect(try await w.records.person(person.id, readBy: w.sam, now: now)?.details.name == name)
            let added = try await w.records.addAddendum(
                to: try await w.records.submit(saved, by: w.sam.id, now: now).id, text: "",
                by: w.sam.id, now: now)
            #expect(try await w.records.addenda(of: saved.id).map(\.text) == [""])
            #expect(added.text == "")
        }
    }

    @Test("each refusal says what to do instead")
    func errorDescriptions() {
        #expect(RecordError.notFound.description == "There is no such record, or it is not yours to change.")
        #expect(
            RecordError.submittedIsFinal.description
                == "A submitted record cannot be changed. Add an addendum instead: the original stays as it was.")
        #expect(RecordError.notNow("These two people are already linked.").description == "These two people are already linked.")
    }
}
