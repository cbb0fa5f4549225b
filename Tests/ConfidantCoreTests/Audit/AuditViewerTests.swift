import Testing

@testable import ConfidantCore

@Suite struct AuditViewerTests {
    static func event(_ sequence: UInt64, _ actor: String, _ action: AuditAction, _ target: String, at time: Int64) -> AuditEvent {
        AuditEvent(
            sequence: sequence, time: time, actor: actor, action: action, target: target, detail: "{}",
            previousHash: .zero, hash: .zero)
    }

    @Test func listsEachUserWhoSawTheRecordWithFirstLastAndCount() {
        let events = [
            Self.event(1, "user:dsl-fictional", .caseRead, "disclosure:5", at: 100),
            Self.event(2, "user:staff-fictional", .recordCreated, "disclosure:5", at: 90),
            Self.event(3, "user:partner-fictional", .shareViewed, "disclosure:5", at: 300),
            Self.event(4, "user:dsl-fictional", .export, "disclosure:5", at: 400),
            Self.event(5, "user:dsl-fictional", .caseRead, "disclosure:5", at: 200),
            Self.event(6, "user:other-fictional", .caseRead, "disclosure:6", at: 50),
        ]
        let viewers = AuditViewer.viewers(of: "disclosure:5", in: events)
        #expect(
            viewers == [
                AuditViewer(actor: "user:dsl-fictional", firstSeen: 100, lastSeen: 400, count: 3, actions: [.caseRead, .export]),
                AuditViewer(actor: "user:partner-fictional", firstSeen: 300, lastSeen: 300, count: 1, actions: [.shareViewed]),
            ])
    }

    @Test func onlyReadsSharesViewedAndExportsRevealContent() {
        #expect(AuditAction.allCases.filter(\.revealsCaseContent) == [.caseRead, .shareViewed, .export])
        #expect(!AuditAction.other("case_peek").revealsCaseContent)
    }

    @Test func aRecordNobodyReadHasNoViewers() {
        let events = [Self.event(1, "user:staff-fictional", .recordCreated, "disclosure:8", at: 1)]
        #expect(AuditViewer.viewers(of: "disclosure:8", in: events).isEmpty)
    }
}
