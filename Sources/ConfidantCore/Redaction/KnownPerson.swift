/// A person the case record already knows: every form of their name is replaced by one pseudonym.
public struct KnownPerson: Sendable, Hashable, Codable {
    /// The person's name as recorded, e.g. "Kayden O'Neill".
    public var name: String
    /// The person's role in the case, which chooses the pseudonym's stem.
    public var role: PersonRole
    /// Other names the person goes by (nicknames, previous surnames).
    public var aliases: [String]

    /// Creates a known person.
    public init(name: String, role: PersonRole, aliases: [String] = []) {
        self.name = name
        self.role = role
        self.aliases = aliases
    }
}
