import ArgumentParser

/// In-process benchmarks of the Core; run with `swift run -c release confidant-bench <name>`.
@main
struct ConfidantBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confidant-bench",
        abstract: "Measures the speed of Confidant's Core in-process (release builds only).",
        subcommands: [RedactBench.self]
    )
}
