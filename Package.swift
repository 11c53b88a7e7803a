// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

// The module graph (docs/architecture.md). Target dependencies enforce it: a forbidden
// import does not compile.
//   guichet → GuichetServer → {GuichetWeb, GuichetPartnerAPI, GuichetAdapters}
//   GuichetWeb, GuichetPartnerAPI → GuichetOperations (and GuichetStore for reads)
//   GuichetOperations → {GuichetStore, GuichetPDF, GuichetCore}
//   GuichetAdapters, GuichetStore, GuichetPDF → GuichetCore
let package = Package(
    name: "guichet",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "guichet", targets: ["guichet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
    ],
    targets: [
        // The domain: Foundation only, no Vapor, no Fluent, no C libraries. Ports/ holds
        // the protocols the outside world is reached through.
        .target(name: "GuichetCore", resources: [.copy("Resources")], swiftSettings: strict),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CArgon2", pkgConfig: "libargon2", providers: [.apt(["libargon2-dev"])]),
        .systemLibrary(name: "CQPDF", pkgConfig: "libqpdf", providers: [.apt(["libqpdf-dev"])]),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // Images to PDF, merging (libqpdf), receipts. No Vapor.
        .target(name: "GuichetPDF", dependencies: ["GuichetCore", "CQPDF", "CZlib"], swiftSettings: strict),
        // Fluent models, migrations, repositories.
        .target(
            name: "GuichetStore",
            dependencies: [
                "GuichetCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ],
            swiftSettings: strict
        ),
        // The outside world behind Core's ports. No Vapor.
        .target(
            name: "GuichetAdapters",
            dependencies: [
                "GuichetCore", "CZlib", "CArgon2", "CQRencode",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        // Every action the front doors share. No Vapor, no Plot.
        .target(
            name: "GuichetOperations",
            dependencies: [
                "GuichetCore", "GuichetStore", "GuichetPDF",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The citizens' HTML site.
        .target(
            name: "GuichetWeb",
            dependencies: [
                "GuichetCore", "GuichetStore", "GuichetOperations",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        // The organisations' JSON API under /api/v1 (beside the site, never importing it).
        .target(
            name: "GuichetPartnerAPI",
            dependencies: [
                "GuichetCore", "GuichetStore", "GuichetOperations",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        // The composition root: configuration, live services, commands, workers, demo data.
        .target(
            name: "GuichetServer",
            dependencies: [
                "GuichetCore", "GuichetStore", "GuichetOperations", "GuichetAdapters", "GuichetWeb", "GuichetPartnerAPI",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "guichet", dependencies: ["GuichetServer"], swiftSettings: strict),
        // `make bench`: the document engine against img2pdf and pikepdf.
        .executableTarget(name: "guichet-bench", dependencies: ["GuichetPDF", "GuichetCore"], path: "Benchmarks/guichet-bench", swiftSettings: strict),
        // `scripts/fuzz.sh`: libFuzzer over the document engine (a replay tool in ordinary builds).
        .systemLibrary(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
        .executableTarget(name: "guichet-fuzz", dependencies: ["GuichetPDF", "GuichetCore", "CLibFuzzer"], path: "Fuzz/guichet-fuzz", swiftSettings: strict),
        // Shared by the test targets: fresh migrated databases (SQLite or PostgreSQL),
        // recording fakes, and a portal wired with them.
        .target(
            name: "GuichetTestSupport",
            dependencies: [
                "GuichetStore", "GuichetOperations", "GuichetAdapters", "GuichetCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/GuichetTestSupport",
            swiftSettings: strict
        ),
        .testTarget(name: "GuichetCoreTests", dependencies: ["GuichetCore", "GuichetTestSupport"], swiftSettings: strict),
        .testTarget(name: "GuichetPDFTests", dependencies: ["GuichetPDF", "GuichetCore", "GuichetTestSupport", "CZlib"], swiftSettings: strict),
        .testTarget(
            name: "GuichetStoreTests",
            dependencies: ["GuichetStore", "GuichetCore", "GuichetTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "GuichetAdaptersTests",
            dependencies: [
                "GuichetAdapters", "GuichetCore", "GuichetTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Vapor", package: "vapor"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "GuichetOperationsTests",
            dependencies: [
                "GuichetOperations", "GuichetStore", "GuichetCore", "GuichetAdapters", "GuichetPDF", "GuichetTestSupport",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "GuichetWebTests",
            dependencies: [
                "GuichetServer", "GuichetWeb", "GuichetPartnerAPI", "GuichetOperations", "GuichetAdapters", "GuichetStore", "GuichetCore",
                "GuichetTestSupport", "GuichetPDF", "CZlib",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ]
)
