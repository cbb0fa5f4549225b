/// One clause of a confidentiality policy: a rule the engine enforces, in the organisation's words.
///
/// The same clause feeds the decision's `reasons` (its id), the public explainer pages and the
/// policy screens (its title and statement), so what people are told is what the system does.
public struct PolicyClause: Hashable, Sendable, Codable {
    /// The id decisions cite in `reasons`; stable across wording changes.
    public var id: String
    /// A short title.
    public var title: String
    /// What the clause means, in plain language anyone can understand.
    public var statement: String
    /// The heading of the section of the organisation's policy this clause rests on.
    public var section: String
    /// The rule the clause states.
    public var rule: PolicyRule
    /// The numbers of the contract's rules (`confidant decide`) the clause carries; empty for
    /// clauses that make explicit what the contract leaves open.
    public var contractRules: [Int]

    private enum CodingKeys: String, CodingKey {
        case id, title, statement, section, rule
        case contractRules = "contract_rules"
    }

    /// Creates a clause.
    public init(id: String, title: String, statement: String, section: String, rule: PolicyRule, contractRules: [Int]) {
        self.id = id
        self.title = title
        self.statement = statement
        self.section = section
        self.rule = rule
        self.contractRules = contractRules
    }
}
