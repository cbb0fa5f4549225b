/// The rules for a clause's wording as an organisation writes it: its title, its statement and the
/// section it rests on.
///
/// The wording is shown on the policy pages, the induction and the public pages, so it is checked
/// once here for the clause form and for clause data imported from a file alike.
public enum ClauseWording {
    /// The longest title and section heading, in characters.
    public static let headingLimit = 200
    /// The longest statement, in characters.
    public static let statementLimit = 2000

    /// The clause with its title, statement and section trimmed; refused if one is empty, too long,
    /// a title or section broken over lines, or holding a control character or text-direction override.
    public static func validated(_ clause: PolicyClause) throws(PolicyInputError) -> PolicyClause {
        var checked = clause
        checked.title = try field(clause.title, named: "title", of: clause.id, limit: headingLimit, oneLine: true)
        checked.statement = try field(clause.statement, named: "statement", of: clause.id, limit: statementLimit, oneLine: false)
        checked.section = try field(clause.section, named: "section", of: clause.id, limit: headingLimit, oneLine: true)
        return checked
    }

    private static func field(_ value: String, named name: String, of clause: String, limit: Int, oneLine: Bool) throws(PolicyInputError) -> String {
        let text = PolicyTextParser.trimmed(PolicyTextParser.unixLineBreaks(value))
        guard !text.isEmpty else { throw .clauseFieldEmpty(clause: clause, field: name) }
        let printable = text.unicodeScalars.allSatisfy { scalar in
            (!oneLine && scalar == "\n") || PolicyVersionLabel.isPrintable(scalar)
        }
        guard printable else { throw .clauseFieldNotPrintable(clause: clause, field: name) }
        guard !text.exceedsLimit(limit) else { throw .clauseFieldTooLong(clause: clause, field: name, limit: limit) }
        return text
    }
}
