// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Confidant",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "confidant", targets: ["confidant"]),
        .library(name: "ConfidantCore", targets: ["ConfidantCore"]),
        .library(name: "ConfidantMail", targets: ["ConfidantMail"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
    ],
    targets: [
        // Pure domain: policy engine, redactor, audit chain. No I/O, no database.
        .target(
            name: "ConfidantCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto")
            ]
        ),
        // Models, migrations and queries; takes and returns Core's domain types.
        .target(
            name: "ConfidantStore",
            dependencies: [
                "ConfidantCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // An SMTP client for the outbox: STARTTLS or implicit TLS, AUTH PLAIN/LOGIN (see docs/mail.md).
        .target(
            name: "ConfidantMail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Routes, pages, API and authentication.
        .target(
            name: "ConfidantWeb",
            dependencies: [
                "ConfidantCore",
                "ConfidantStore",
                "ConfidantMail",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Templates"), .copy("Public")]
        ),
        // The made-up demo organisation (`serve --demo`, `confidant demo`), loaded through the same stores as real work.
        .target(
            name: "ConfidantDemo",
            dependencies: ["ConfidantCore", "ConfidantStore", "ConfidantWeb"]
        ),
        // The executable: serve, migrate, decide, redact, audit, user administration.
        .executableTarget(
            name: "confidant",
            dependencies: [
                "ConfidantCore",
                "ConfidantStore",
                "ConfidantWeb",
                "ConfidantDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // In-process speed measurements; run in release mode (see docs/benchmarks.md).
        .executableTarget(
            name: "confidant-bench",
            dependencies: [
                "ConfidantCore",
                "ConfidantStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/ConfidantBench"
        ),
        // Throwaway SQLite and PostgreSQL databases for the store and web tests.
        .target(
            name: "ConfidantTestSupport",
            dependencies: [
                "ConfidantCore", "ConfidantStore", .product(name: "Logging", package: "swift-log"),
                .product(name: "FluentSQL", package: "fluent-kit"),
            ],
            path: "Tests/ConfidantTestSupport"
        ),
        .testTarget(name: "ConfidantCoreTests", dependencies: ["ConfidantCore", "ConfidantTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ConfidantMailTests",
            dependencies: [
                "ConfidantMail",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ConfidantStoreTests",
            dependencies: [
                "ConfidantStore", "ConfidantCore", "ConfidantTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "ConfidantWebTests",
            dependencies: [
                "ConfidantWeb", "ConfidantDemo", "ConfidantStore", "ConfidantCore", "ConfidantTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
