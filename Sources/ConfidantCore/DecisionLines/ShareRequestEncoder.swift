/// Writes a ``ShareRequest`` as a `confidant decide` request line: the contract's field order,
/// flags only where they differ from their defaults.
public enum ShareRequestEncoder {
    /// The request as one line of JSON, without a newline.
    public static func jsonLine(_ request: ShareRequest, id: String) -> String {
        var subject = #"{"kind":"\#(request.subjectKind.rawValue)""#
        if !request.subjectHasCapacity { subject += #","has_capacity":false"# }
        subject += "}"
        var recipient = #"{"kind":"\#(request.recipientKind.rawValue)""#
        if request.recipientNeedToKnow { recipient += #","need_to_know":true"# }
        if request.recipientIsAllegedPerpetrator { recipient += #","is_alleged_perpetrator":true"# }
        recipient += "}"
        var fields: [String] = [
            #""id":\#(JSONWriter.quoted(id))"#,
            #""subject":\#(subject)"#,
            #""requester":"\#(request.requester.rawValue)""#,
            #""recipient":\#(recipient)"#,
            #""purpose":"\#(request.purpose.rawValue)""#,
            #""form":"\#(request.form.rawValue)""#,
            #""consent":"\#(request.consent.rawValue)""#,
            #""risk":"\#(request.risk.rawValue)""#,
        ]
        let flags: [(String, Bool)] = [
            ("risk_to_others", request.riskToOthers),
            ("serious_crime", request.seriousCrime),
            ("legal_duty", request.legalDuty),
            ("informing_would_increase_risk", request.informingWouldIncreaseRisk),
            ("informing_would_prejudice_investigation", request.informingWouldPrejudiceInvestigation),
        ]
        for (name, value) in flags where value { fields.append(#""\#(name)":true"#) }
        fields.append(#""confidentiality_offered":"\#(request.confidentialityOffered.rawValue)""#)
        if request.dslApproved { fields.append(#""dsl_approved":true"#) }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
