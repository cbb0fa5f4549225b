import ConfidantCore
import Testing

@Suite("Network ranges and the client's real address behind trusted proxies")
struct NetworkRangeTests {
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

    @Test(
        "prefixes that do not fall on a byte boundary mask the right bits",
        arguments: [
            ("192.168.1.0/25", "192.168.1.127", true), ("192.168.1.0/25", "192.168.1.128", false),
            ("192.168.1.128/25", "192.168.1.128", true), ("192.168.1.128/25", "192.168.1.127", false),
            ("10.0.0.0/31", "10.0.0.1", true), ("10.0.0.0/31", "10.0.0.2", false),
            ("172.16.0.0/12", "172.31.255.255", true), ("172.16.0.0/12", "172.32.0.0", false), ("172.16.0.0/12", "172.15.255.255", false),
            ("10.0.0.0/1", "127.255.255.255", true), ("10.0.0.0/1", "128.0.0.0", false),
            ("10.0.0.1/32", "10.0.0.1", true), ("10.0.0.1/32", "10.0.0.2", false),
            ("fd00::/7", "fdff::1", true), ("fd00::/7", "fc00::1", true), ("fd00::/7", "fe00::1", false),
            ("2001:db8::/127", "2001:db8::1", true), ("2001:db8::/127", "2001:db8::2", false),
            ("::/0", "2001:db8::1", true),
            // A block's bits after its prefix do not matter.
            ("10.1.2.3/8", "10.200.0.1", true),
        ])
    func partialBytes(range: String, address: String, inside: Bool) throws {
        #expect(try #require(NetworkRange(range)).contains(address) == inside)
    }

    @Test(
        "IPv4 and IPv6 never contain each other, except IPv4 written as mapped IPv6",
        arguments: [
            ("0.0.0.0/0", "::1", false), ("::/0", "10.0.0.1", false), ("::/0", "::ffff:10.0.0.1", false),
            ("10.0.0.0/8", "::ffff:10.1.2.3", true), ("10.0.0.0/8", "::ffff:a01:203", true), ("::ffff:10.0.0.0/8", "10.9.9.9", true),
            ("10.0.0.0/8", "::10.1.2.3", false),
        ])
    func families(range: String, address: String, inside: Bool) throws {
        #expect(try #require(NetworkRange(range)).contains(address) == inside)
    }

    @Test(
        "IPv6 is read in all its written forms",
        arguments: [
            ("::", "0:0:0:0:0:0:0:0/128"), ("::1", "0:0:0:0:0:0:0:1/128"), ("1::", "1:0:0:0:0:0:0:0/128"),
            ("2001:DB8::/32", "2001:db8:0:0:0:0:0:0/32"), ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8:0:0:0:0:0:1/128"),
            ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0/128"), ("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8/128"),
            ("64:ff9b::192.0.2.1", "64:ff9b:0:0:0:0:c000:201/128"), ("fe80::1%eth0", "fe80:0:0:0:0:0:0:1/128"),
            ("::ffff:192.0.2.1", "192.0.2.1/32"),
        ])
    func ipv6Forms(text: String, description: String) throws {
        #expect(try #require(NetworkRange(text)).description == description)
    }

    @Test(
        "a range describes itself as address/prefix",
        arguments: [
            ("10.0.0.0/8", "10.0.0.0/8"), ("127.0.0.1", "127.0.0.1/32"), ("0.0.0.0/0", "0.0.0.0/0"), ("010.000.000.001", "10.0.0.1/32"),
        ])
    func describes(text: String, description: String) throws {
        #expect(try #require(NetworkRange(text)).description == description)
    }

    @Test(
        "malformed blocks are refused",
        arguments: [
            "", "10.0.0.0/33", "10.0.0/8", "300.1.1.1", "::1/129", "1:2:3:4:5:6:7:8:9", "10.0.0.0/+8",
            "10.0.0.0/", "10.0.0.0/8/8", "10.0.0.0/-1", "10.0.0.0/ 8", "10.0.0.1.", ".10.0.0.1", "10..0.1", "1.2.3.4.5", "1234.1.1.1",
            "1.2.3.x", " 1.2.3.4", "::1::", "1::2::3", ":::", "1:2:3:4:5:6:7:8::", "12345::", "g::1", "1:2:3:4:5:6:7", "::1.2.3",
            "localhost", "/8",
        ])
    func badRanges(text: String) {
        #expect(NetworkRange(text) == nil)
    }

    @Test("a sign is not a digit in an address either", arguments: ["+10.0.0.0/8", "10.+0.0.0", "::+1"])
    func signsInAddresses(text: String) {
        // The prefix refuses "+8" on purpose; the address parts use UInt8(_:) and UInt16(_:radix:), which accept it.
        #expect(NetworkRange(text) == nil)

    }

    @Test("equal ranges are equal")
    func equality() {
        #expect(NetworkRange("10.0.0.0/8") == NetworkRange("10.0.0.0/8"))
        #expect(NetworkRange("10.0.0.0/8") != NetworkRange("10.0.0.0/9"))
        #expect(NetworkRange("::ffff:10.0.0.1") == NetworkRange("10.0.0.1"))
    }

    // MARK: The client's address

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

    static let proxies = ClientAddressRule(trustedProxies: ["127.0.0.1", "10.0.0.0/8", "fd00::/8"].compactMap(NetworkRange.init))

    @Test(
        "behind a chain of trusted proxies, the right-most untrusted hop is the client",
        arguments: [
            // Several headers are one list, in order.
            ("10.0.0.2", ["198.51.100.1", "10.0.0.3"], "198.51.100.1"),
            ("10.0.0.2", ["203.0.113.66, 198.51.100.1", "10.0.0.3, 10.0.0.4"], "198.51.100.1"),
            ("fd00::2", ["2001:db8::7"], "2001:db8::7"),
            ("::ffff:10.0.0.2", ["198.51.100.1"], "198.51.100.1"),
            ("10.0.0.2", [" 198.51.100.1 ,10.0.0.3 "], "198.51.100.1"),
            // Every hop trusted: the left-most is the best there is.
            ("10.0.0.2", ["10.0.0.9, 10.0.0.3"], "10.0.0.9"),
            // Garbage to the right of the client means the chain cannot be read: the peer is all that is known.
            ("10.0.0.2", ["198.51.100.1, unknown"], "10.0.0.2"),
            ("10.0.0.2", ["198.51.100.1, , 10.0.0.3"], "10.0.0.2"),
            // Garbage left of the right-most untrusted hop is the client's own claim and is never read.
            ("10.0.0.2", ["<script>, 198.51.100.1"], "198.51.100.1"),
            ("10.0.0.2", [""], "10.0.0.2"),
            // An untrusted peer is the client, whatever it says.
            ("198.51.100.1", ["10.0.0.3"], "198.51.100.1"),
            ("unix:/run/confidant.sock", ["198.51.100.1"], "unix:/run/confidant.sock"),
        ])
    func chain(peer: String, forwardedFor: [String], client: String) {
        #expect(Self.proxies.clientAddress(peer: peer, forwardedFor: forwardedFor) == client)
    }

    @Test("with no trusted proxies the peer is always the client")
    func noProxies() {
        let rule = ClientAddressRule(trustedProxies: [])
        #expect(rule.clientAddress(peer: "127.0.0.1", forwardedFor: ["198.51.100.1"]) == "127.0.0.1")
        #expect(rule.trustedProxies == [])
        #expect(Self.proxies.trustedProxies.map(\.description) == ["127.0.0.1/32", "10.0.0.0/8", "fd00:0:0:0:0:0:0:0/8"])
    }
}
