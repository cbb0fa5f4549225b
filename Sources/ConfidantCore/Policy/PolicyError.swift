/// Why a set of clauses cannot be used as a confidentiality policy.
public enum PolicyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No clause states this rule, so decisions resting on it could not cite one.
    case missingRule(PolicyRule)
    /// More than one clause states this rule.
    case duplicateRule(PolicyRule)
    /// Two clauses share an id.
    case duplicateID(String)
    /// A clause has an empty id, title, statement or section.
    case emptyField(clause: String, field: String)

    /// A sentence saying what to fix.
    public var description: String {
        switch self {
        case .missingRule(let rule): "no clause states the rule `\(rule.rawValue)`"
        case .duplicateRule(let rule): "more than one clause states the rule `\(rule.rawValue)`"
        case .duplicateID(let id): "more than one clause has the id `\(id)`"
        case .emptyField(let clause, let field): "clause `\(clause)` has an empty \(field)"
        }
    }
}
