/// What one request tells the redactor beyond its text: the known people and the organisations.
struct RedactionContext: Sendable {
    let knownPeople: KnownPersonDetector
    let organisations: OrganisationDetector
    let knownPseudonyms: [String]
    /// How many `Person` letters the record's `other` people take.
    let otherCount: Int

    init(people: [KnownPerson], organisations: [String]) {
        knownPeople = KnownPersonDetector(people: people)
        self.organisations = OrganisationDetector(organisations: organisations)
        knownPseudonyms = Pseudonymiser.knownPseudonyms(for: people)
        otherCount = people.filter { $0.role == .other }.count
    }
}
