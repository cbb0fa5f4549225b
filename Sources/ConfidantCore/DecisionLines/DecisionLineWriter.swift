/// Writes decisions and per-line errors as the contract's JSON Lines output, by hand.
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
        Self.appendString(Array(decision.explanation.utf8), &output)
        append("}\n", &output)
    }

    /// Appends a whole error line: `{"id":…,"error":"…"}` and the newline.
    static func appendError(id: UnsafeBufferPointer<UInt8>?, message: String, into output: inout [UInt8]) {
        output.append(contentsOf: #"{"id":"#.utf8)
        if let id {
            appendString(id, &output)
        } else {
            output.append(contentsOf: "null".utf8)
        }
        output.append(contentsOf: #","error":"#.utf8)
        appendString(Array(message.utf8), &output)
        output.append(contentsOf: "}\n".utf8)
    }

    private func append(_ text: String, _ output: inout [UInt8]) {
        output.append(contentsOf: text.utf8)
    }

    private func appendArray(_ words: [String], _ output: inout [UInt8]) {
        output.append(UInt8(ascii: "["))
        for (index, word) in words.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            Self.appendString(Array(word.utf8), &output)
        }
        output.append(UInt8(ascii: "]"))
    }

    /// Appends UTF-8 text as a JSON string: quotes, backslashes and control characters escaped.
    static func appendString(_ text: some Collection<UInt8>, _ output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
            case 0x0A: output.append(contentsOf: #"\n"#.utf8)
            case 0x0D: output.append(contentsOf: #"\r"#.utf8)
            case 0x09: output.append(contentsOf: #"\t"#.utf8)
            case 0x08: output.append(contentsOf: #"\b"#.utf8)
            case 0x0C: output.append(contentsOf: #"\f"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: #"\u00"#.utf8)
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
