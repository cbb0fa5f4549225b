/// What one request tells the redactor beyond its text: the known people and the organisations.
struct RedactionContext: Sendable {
    let knownPeople: KnownPersonDetector
    let organisations: OrganisationDetector
    /// Each known person's role and place within that role in the record's order: their
    /// pseudonym is made from these when a text first needs it (most texts name few of them).
    private let knownRoles: [(role: PersonRole, rank: Int)]
    /// How many `Person` letters the record's `other` people take.
    let otherCount: Int

    init(people: [KnownPerson], organisations: [String]) {
        knownPeople = KnownPersonDetector(people: people)
        self.organisations = OrganisationDetector(organisations: organisations)
        var counts = (child: 0, adult: 0, parentCarer: 0, staff: 0, other: 0)
        knownRoles = people.map { person in
            let rank: Int
            switch person.role {
            case .child: (rank, counts.child) = (counts.child, counts.child + 1)
            case .adult: (rank, counts.adult) = (counts.adult, counts.adult + 1)
            case .parentCarer: (rank, counts.parentCarer) = (counts.parentCarer, counts.parentCarer + 1)
            case .staff: (rank, counts.staff) = (counts.staff, counts.staff + 1)
            case .other: (rank, counts.other) = (counts.other, counts.other + 1)
            }
            return (person.role, rank)
        }
        otherCount = counts.other
    }

    /// The pseudonym of the known person at `index`, as `Pseudonymiser.knownPseudonyms` gives it.
    func knownPseudonym(_ index: Int) -> String {
        let known = knownRoles[index]
        return Pseudonymiser.pseudonym(stem: known.role.pseudonymStem, letters: known.rank)
    }
}
