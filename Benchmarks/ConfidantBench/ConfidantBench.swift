import ArgumentParser

/// In-process benchmarks of the Core and the store; run with `swift run -c release confidant-bench <name>`.
@main
struct ConfidantBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confidant-bench",
        abstract: "Measures the speed of Confidant's Core in-process (release builds only).",
        subcommands: [
            DecideBench.self, RedactBench.self, RedactEvalBench.self, AuditVerifyBenchmark.self, AuditAppendBenchmark.self,
            InductionGateBenchmark.self, ReportsBenchmark.self, SearchBenchmark.self,
        ]
    )
}
