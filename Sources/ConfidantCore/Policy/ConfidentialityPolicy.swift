import Foundation

/// A versioned confidentiality policy: one clause for each rule the engine enforces.
///
/// An organisation can load its own wording (as JSON) without changing code: the rules stay
/// the engine's, the ids, titles, statements and section headings are the organisation's.
/// A policy is validated when made, so every decision can cite a clause for each reason.
public struct ConfidentialityPolicy: Hashable, Sendable, Codable {
    /// The policy's name, e.g. the organisation's document title.
    public let name: String
    /// The version, cited on every page generated from the policy.
    public let version: String
    /// The clauses, in the order they are presented.
    public let clauses: [PolicyClause]
    /// The clause for each rule, indexed by the rule's position.
    private let clauseIndexByRule: [Int]

    private enum CodingKeys: String, CodingKey { case name, version, clauses }

    /// Makes a policy from clauses, checking that each rule is stated exactly once and ids are unique.
    public init(name: String, version: String, clauses: [PolicyClause]) throws(PolicyError) {
        var index = [Int](repeating: -1, count: PolicyRule.ordered.count)
        var ids = Set<String>()
        for (position, clause) in clauses.enumerated() {
            for (field, value) in [
                ("id", clause.id), ("title", clause.title),
                ("statement", clause.statement), ("section", clause.section),
            ]
            where value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw .emptyField(clause: clause.id, field: field)
            }
            guard ids.insert(clause.id).inserted else { throw .duplicateID(clause.id) }
            guard index[clause.rule.bitIndex] < 0 else { throw .duplicateRule(clause.rule) }
            index[clause.rule.bitIndex] = position
        }
        for rule in PolicyRule.ordered where index[rule.bitIndex] < 0 {
            throw .missingRule(rule)
        }
        self.name = name
        self.version = version
        self.clauses = clauses
        self.clauseIndexByRule = index
    }

    /// Decodes and validates a policy.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        let version = try container.decode(String.self, forKey: .version)
        let clauses = try container.decode([PolicyClause].self, forKey: .clauses)
        do {
            try self.init(name: name, version: version, clauses: clauses)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: [CodingKeys.clauses], debugDescription: error.description))
        }
    }

    /// Encodes the policy's name, version and clauses.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(version, forKey: .version)
        try container.encode(clauses, forKey: .clauses)
    }

    /// Reads a policy from JSON (the format `encodedJSON()` writes).
    public static func decode(json: Data) throws -> ConfidentialityPolicy {
        try JSONDecoder().decode(ConfidentialityPolicy.self, from: json)
    }

    /// The policy as pretty-printed JSON with sorted keys, a starting point for an organisation's own wording.
    public func encodedJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// The clause stating a rule (every rule has one: the initialiser checks it).
    public func clause(for rule: PolicyRule) -> PolicyClause {
        clauses[clauseIndexByRule[rule.bitIndex]]
    }

    /// The ids of the clauses stating the rules, in reason-listing order.
    public func clauseIDs(for rules: VocabularySet<PolicyRule>) -> [String] {
        rules.map { clause(for: $0).id }
    }
}
