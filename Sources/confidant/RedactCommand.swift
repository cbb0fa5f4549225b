import ArgumentParser
import ConfidantCore
import Foundation

/// `confidant redact`: de-identifies JSON Lines texts from standard input to standard output (contracts.md).
struct RedactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "De-identify texts: JSON Lines requests on stdin, one result per line on stdout.",
        discussion: """
            Each request is {"id", "text", "people"?, "organisations"?, "case_key"?}. Each result is \
            {"id", "text", "spans"}, spans in Unicode code points of the input. A line that is not a \
            valid request gives {"id", "error"} and exit status 1; unusable arguments give 2.
            """
    )

    @Argument(parsing: .allUnrecognized, help: .hidden)
    var unexpected: [String] = []

    func run() throws {
        if !unexpected.isEmpty {
            standardError("confidant redact: unexpected argument '\(unexpected[0])'\n")
            throw ExitCode(2)
        }
        // No limit on a line's length: a text may be as long as a record is (contracts.md sets none).
        var stream = RedactionLineStream()
        try runLines(&stream, from: STDIN_FILENO) { _ in
            standardError("confidant redact: cannot read standard input\n")
            return ExitCode(2)
        }
        if stream.invalidLineCount > 0 { throw ExitCode(1) }
    }

    private func standardError(_ message: String) {
        FileHandle.standardError.write(Data(message.utf8))
    }
}
