import ArgumentParser
import ConfidantCore
import Foundation

/// `confidant decide`: share requests in, decisions out, as JSON Lines (see the contract).
///
/// Thin by design: it moves bytes between the standard streams and ``DecisionLineStream``
/// (lines of at most 1 MiB) with the read loop it shares with `redact` (``runLines``), so
/// memory stays flat whatever the number of lines. Exit status 0 when every line was valid, 1 when any was not, 2 when
/// the arguments are unusable (unknown option, unreadable file, invalid policy file).
struct DecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Decide proposed shares: JSON Lines requests on standard input, decisions on standard output.",
        discussion: "One decision per request line, in input order, as shared/spec/contracts.md describes. "
            + "Unknown fields are ignored; blank lines are skipped. An invalid line gives "
            + #"{"id": <id or null>, "error": "..."} naming the field, and processing goes on. "#
            + "Exit status: 0 all lines valid, 1 some line invalid, 2 unusable arguments. "
            + "The rules, clauses and worked examples: docs/policy.md (`confidant policy-doc`)."
    )

    @Option(name: .long, help: "Read requests from this file instead of standard input.")
    var input: String?

    @Option(name: .long, help: "A policy JSON file (as `confidant policy-doc --json` writes) whose clause ids decisions cite.")
    var policy: String?

    func run() throws {
        let processor = DecisionLineProcessor(policy: try loadPolicy())
        let descriptor = try openInput()
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }

        var stream = DecisionLineStream(processor: processor)
        try runLines(&stream, from: descriptor) { code in
            ContractExit.unusable("cannot read input: \(String(cString: strerror(code)))")
        }
        if stream.invalidLineCount > 0 { throw ExitCode(1) }
    }

    private func loadPolicy() throws -> ConfidentialityPolicy {
        guard let policy else { return .mct }
        guard let data = FileManager.default.contents(atPath: policy) else {
            throw ContractExit.unusable("cannot read the policy file \(policy)")
        }
        do {
            return try ConfidentialityPolicy.decode(json: data)
        } catch {
            throw ContractExit.unusable("the policy file \(policy) is not a valid policy: \(error)")
        }
    }

    private func openInput() throws -> Int32 {
        guard let input else { return STDIN_FILENO }
        let descriptor = open(input, O_RDONLY)
        guard descriptor >= 0 else {
            throw ContractExit.unusable("cannot read \(input): \(String(cString: strerror(errno)))")
        }
        return descriptor
    }
}
