import ArgumentParser
import ConfidantCore
import Foundation

/// `confidant policy-doc`: prints docs/policy.md (or, with `--json`, the policy's clauses as JSON).
struct PolicyDocCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy-doc",
        abstract: "Print the policy document (rules, clauses, worked examples) generated from the policy data and the engine."
    )

    @Flag(name: .long, help: "Print the policy's clauses as JSON, a starting point for an organisation's own wording.")
    var json = false

    @Option(name: .long, help: "A policy JSON file to render instead of the built-in MCT policy.")
    var policy: String?

    func run() throws {
        var chosen = ConfidentialityPolicy.mct
        if let policy {
            guard let data = FileManager.default.contents(atPath: policy) else {
                throw ContractExit.unusable("cannot read the policy file \(policy)")
            }
            do {
                chosen = try ConfidentialityPolicy.decode(json: data)
            } catch {
                throw ContractExit.unusable("the policy file \(policy) is not a valid policy: \(error)")
            }
        }
        if json {
            try StandardOutput.write(Array(try chosen.encodedJSON()) + [0x0A])
        } else {
            try StandardOutput.write(Array(PolicyDocument.markdown(policy: chosen).utf8))
        }
    }
}
