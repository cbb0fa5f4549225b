/// Writes decisions as the contract's JSON Lines output, in the contract's key order, through ``JSONWriter``.
///
/// Keys come in the contract's order: id, outcome, form, breaks_confidence, lawful_basis,
/// obligations, next_steps, reasons, explanation. Reasons are the ids of the policy's clauses.
struct DecisionLineWriter: Sendable {
    /// The policy whose clause ids decisions cite.
    let policy: ConfidentialityPolicy

    /// Appends everything after the id of a decision's line: `,"outcome":…}` and the newline.
    func appendTail(of decision: ShareDecision, into output: inout [UInt8]) {
        append(#","outcome":""#, &output)
        append(decision.outcome.rawValue, &output)
        append(#"","form":"#, &output)
        if let form = decision.form {
            append("\"" + form.rawValue + "\"", &output)
        } else {
            append("null", &output)
        }
        append(#","breaks_confidence":"#, &output)
        append(decision.breaksConfidence ? "true" : "false", &output)
        append(#","lawful_basis":""#, &output)
        append(decision.lawfulBasis.rawValue, &output)
        append(#"","obligations":"#, &output)
        appendArray(decision.obligations.map(\.rawValue), &output)
        append(#","next_steps":"#, &output)
        appendArray(decision.nextSteps.map(\.rawValue), &output)
        append(#","reasons":"#, &output)
        appendArray(policy.clauseIDs(for: decision.reasons), &output)
        append(#","explanation":"#, &output)
        JSONWriter.appendString(decision.explanation, to: &output)
        append("}\n", &output)
    }

    private func append(_ text: String, _ output: inout [UInt8]) {
        output.append(contentsOf: text.utf8)
    }

    private func appendArray(_ words: [String], _ output: inout [UInt8]) {
        JSONWriter.appendStrings(words, to: &output)
    }
}
