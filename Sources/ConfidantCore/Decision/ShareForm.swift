/// The form in which information would be shared, in the contract's words.
public enum ShareForm: String, CaseIterable, Sendable, Codable {
    /// With the people in it replaced by pseudonyms and identifiers removed.
    case deidentified
    /// Naming or otherwise identifying the person.
    case identified
}
