import Testing
@testable import ConfidantCore

@Test func coreVersionIsSemantic() {
    #expect(ConfidantCoreInfo.version.split(separator: ".").count == 3)
}
