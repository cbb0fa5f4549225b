import ConfidantCore
import Testing

@Suite("Redirects, addresses, sign-in backoff and text limits")
struct AccessRulesTests {
    @Test(
        "only a plain local path is followed",
        arguments: [
            ("/home", "/home"), ("/people/1?tab=a", "/people/1?tab=a"), ("", "/home"), ("home", "/home"),
            ("//evil.example", "/home"), ("/\\evil.example", "/home"), ("/\t/evil.example", "/home"), ("/\n/evil.example", "/home"),
            ("/\r\n/evil.example", "/home"), (" /home", "/home"), ("https://evil.example", "/home"), ("/caf\u{E9}", "/home"),
            ("/\u{0}x", "/home"), (String(repeating: "/a", count: 300), "/home"),
        ])
    func safeRedirect(next: String, expected: String) {
        #expect(SafeRedirect.path(next) == expected)
    }

    @Test(
        "CIDR blocks and single addresses contain what they should",
        arguments: [
            ("127.0.0.1", "127.0.0.1", true), ("127.0.0.0/8", "127.4.5.6", true), ("10.0.0.0/8", "11.0.0.1", false),
            ("192.168.1.0/24", "192.168.1.255", true), ("192.168.1.0/24", "192.168.2.1", false), ("::1", "::1", true),
            ("2001:db8::/32", "2001:db8:1::5", true), ("2001:db8::/32", "2001:db9::1", false), ("0.0.0.0/0", "203.0.113.9", true),
            ("127.0.0.1", "::ffff:127.0.0.1", true), ("10.0.0.0/8", "not an address", false),
        ])
    func ranges(range: String, address: String, inside: Bool) throws {
        let block = try #require(NetworkRange(range))
        #expect(block.contains(address) == inside)
    }

    @Test("malformed blocks are refused", arguments: ["", "10.0.0.0/33", "10.0.0/8", "300.1.1.1", "::1/129", "1:2:3:4:5:6:7:8:9", "10.0.0.0/+8"])
    func badRanges(text: String) {
        #expect(NetworkRange(text) == nil)
    }

    @Test("X-Forwarded-For is believed only from a trusted proxy, right to left")
    func forwardedFor() throws {
        let rule = ClientAddressRule(trustedProxies: [try #require(NetworkRange("127.0.0.1"))])
        #expect(rule.clientAddress(peer: "203.0.113.5", forwardedFor: ["198.51.100.7"]) == "203.0.113.5")
        #expect(rule.clientAddress(peer: "127.0.0.1", forwardedFor: ["198.51.100.7"]) == "198.51.100.7")
        // A client that writes its own header is named by what the proxy appended, not by its claim.
        #expect(rule.clientAddress(peer: "127.0.0.1", forwardedFor: ["10.9.9.9, 198.51.100.7"]) == "198.51.100.7")
        #expect(rule.clientAddress(peer: "127.0.0.1", forwardedFor: ["garbage"]) == "127.0.0.1")
        #expect(rule.clientAddress(peer: "127.0.0.1", forwardedFor: []) == "127.0.0.1")
    }

    @Test(
        "attempts are free up to the limit, then each doubles the wait up to the cap",
        arguments: [
            (SignInBackoff.account, [0, 0, 0, 0, 2, 4, 8, 16, 32, 60, 60]),
            (SignInBackoff.accountAtAddress, [0, 0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]),
        ])
    func backoff(backoff: SignInBackoff, delays: [Int]) {
        #expect((1...delays.count).map { backoff.delay(afterAttempt: $0) } == delays)
        #expect(backoff.steps.allSatisfy { $0.delay < backoff.maximumWait })
        #expect(backoff.steps.count == delays.firstIndex(of: backoff.maximumWait))
    }

    @Test("limits count code points, not grapheme clusters")
    func codePointLimit() {
        let oneCluster = "e" + String(repeating: "\u{301}", count: 300_000)
        #expect(oneCluster.count == 1)
        #expect(oneCluster.exceedsLimit(200))
        #expect(!"Zoë Smith".exceedsLimit(9))
        #expect("Zoë Smith".exceedsLimit(8))
    }
}
