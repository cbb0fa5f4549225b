/// The whole finite input space of `confidant decide`, enumerated: what the exhaustive invariant
/// test and the benchmark walk (13,271,040 requests).
public enum ShareRequestSpace {
    /// Calls `body` for every request with the given requester and recipient kind.
    public static func forEach(requester: Requester, recipient: RecipientKind, _ body: (ShareRequest) -> Void) {
        let flags = [false, true]
        for subject in PersonKind.allCases {
            for capacity in flags {
                for needToKnow in flags {
                    for alleged in flags {
                        for purpose in SharePurpose.allCases {
                            for form in ShareForm.allCases {
                                for consent in Consent.allCases {
                                    for risk in RiskLevel.allCases {
                                        for mask in 0..<32 {
                                            for offered in ConfidentialityOffered.allCases {
                                                for approved in flags {
                                                    body(
                                                        ShareRequest(
                                                            subjectKind: subject, subjectHasCapacity: capacity,
                                                            requester: requester, recipientKind: recipient,
                                                            recipientNeedToKnow: needToKnow,
                                                            recipientIsAllegedPerpetrator: alleged,
                                                            purpose: purpose, form: form, consent: consent, risk: risk,
                                                            riskToOthers: mask & 1 != 0, seriousCrime: mask & 2 != 0,
                                                            legalDuty: mask & 4 != 0,
                                                            informingWouldIncreaseRisk: mask & 8 != 0,
                                                            informingWouldPrejudiceInvestigation: mask & 16 != 0,
                                                            confidentialityOffered: offered, dslApproved: approved))
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Calls `body` for every request of the whole space, slice by slice.
    public static func forEach(_ body: (ShareRequest) -> Void) {
        for (requester, recipient) in slices { forEach(requester: requester, recipient: recipient, body) }
    }

    /// Every (requester, recipient kind) pair: the exhaustive tests run one slice per pair.
    public static let slices: [(Requester, RecipientKind)] =
        Requester.allCases.flatMap { requester in RecipientKind.allCases.map { (requester, $0) } }
}
