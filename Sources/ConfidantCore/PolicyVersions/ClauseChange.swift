/// A clause that two versions of a policy word differently.
///
/// Clauses are matched by the rule they state, which never changes, so a renamed or reworded
/// clause shows as one change rather than as one clause removed and another added.
public struct ClauseChange: Hashable, Sendable {
    /// The rule both clauses state.
    public let rule: PolicyRule
    /// The clause in the old version.
    public let old: PolicyClause
    /// The clause in the new version.
    public let new: PolicyClause

    /// Pairs the old and the new clause for a rule.
    public init(rule: PolicyRule, old: PolicyClause, new: PolicyClause) {
        self.rule = rule
        self.old = old
        self.new = new
    }

    /// The fields that differ, named as in the policy's JSON, among "id", "title", "statement",
    /// "section" and "contract_rules", in that order.
    public var fieldsChanged: [String] {
        var fields: [String] = []
        if old.id != new.id { fields.append("id") }
        if old.title != new.title { fields.append("title") }
        if old.statement != new.statement { fields.append("statement") }
        if old.section != new.section { fields.append("section") }
        if old.contractRules != new.contractRules { fields.append("contract_rules") }
        return fields
    }
}
