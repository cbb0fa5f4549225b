/// Every page Confidant renders, by its template's file name; `PageRenderer.load` refuses to start when one is missing,
/// so no request can find a page without its template.
enum PageTemplate: String, CaseIterable, Sendable {
    case accessRequests = "access-requests"
    case acknowledgements
    case advice
    case agencies
    case auditLog = "audit-log"
    case bodyMap = "body-map"
    case breach
    case breachForm = "breach-form"
    case breachReported = "breach-reported"
    case breaches
    case chronologyPrint = "chronology-print"
    case code
    case concern
    case concernForm = "concern-form"
    case duplicates
    case error
    case explain
    case explainIndex = "explain-index"
    case home
    case induction
    case landing
    case myRecords = "my-records"
    case people
    case peopleImport = "people-import"
    case person
    case personDirectory = "person-directory"
    case personNew = "person-new"
    case policyClause = "policy-clause"
    case policyCompare = "policy-compare"
    case policyDraft = "policy-draft"
    case policyVersion = "policy-version"
    case policyVersions = "policy-versions"
    case reports
    case retention
    case retentionFile = "retention-file"
    case disposalCertificate = "disposal-certificate"
    case reportsQuarterly = "reports-quarterly"
    case shareApprovals = "share-approvals"
    case search
    case secondFactor = "second-factor"
    case seenBy = "seen-by"
    case setPassword = "set-password"
    case setup
    case share
    case shareCode = "share-code"
    case shareForm = "share-form"
    case shares
    case signIn = "sign-in"
    case subjectAccess = "subject-access"
    case subjectAccessForm = "subject-access-form"
    case subjectAccessList = "subject-access-list"
    case subjectAccessPrint = "subject-access-print"
    case subjectAccessWorkspace = "subject-access-workspace"
    case talk
    case tasks
    case transferCode = "transfer-code"
    case transferForm = "transfer-form"
    case transferPrint = "transfer-print"
    case transfers
    case triage
    case users
}
