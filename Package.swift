// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Confidant",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "confidant", targets: ["confidant"]),
        .library(name: "ConfidantCore", targets: ["ConfidantCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // Pure domain: policy engine, redactor, audit chain. No I/O, no database.
        .target(
            name: "ConfidantCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The executable: serve, migrate, decide, redact, audit, user administration.
        .executableTarget(
            name: "confidant",
            dependencies: [
                "ConfidantCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // In-process speed measurements; run in release mode (see docs/benchmarks.md).
        .executableTarget(
            name: "confidant-bench",
            dependencies: [
                "ConfidantCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/ConfidantBench"
        ),
        .testTarget(name: "ConfidantCoreTests", dependencies: ["ConfidantCore"]),
    ],
    swiftLanguageModes: [.v6]
)
