// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

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
    ],
    targets: [
        // The domain: Foundation only, no Vapor, no Fluent, no C libraries.
        .target(name: "GuichetCore", resources: [.copy("Resources")], swiftSettings: strict),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CArgon2", pkgConfig: "libargon2", providers: [.apt(["libargon2-dev"])]),
        .systemLibrary(name: "CQPDF", pkgConfig: "libqpdf", providers: [.apt(["libqpdf-dev"])]),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // Images to PDF, merging (libqpdf), receipts. No Vapor.
        .target(name: "GuichetPDF", dependencies: ["GuichetCore", "CQPDF", "CZlib"], swiftSettings: strict),
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
        .target(
            name: "GuichetWeb",
            dependencies: [
                "GuichetCore", "GuichetStore", "GuichetPDF", "CZlib", "CArgon2", "CQRencode",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        // `make bench`: the document engine against img2pdf and pikepdf.
        .executableTarget(name: "guichet-bench", dependencies: ["GuichetPDF"], path: "Benchmarks/guichet-bench", swiftSettings: strict),
        // `scripts/fuzz.sh`: libFuzzer over the document engine (a replay tool in ordinary builds).
        .systemLibrary(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
        .executableTarget(name: "guichet-fuzz", dependencies: ["GuichetPDF", "CLibFuzzer"], path: "Fuzz/guichet-fuzz", swiftSettings: strict),
        .executableTarget(
            name: "guichet",
            dependencies: ["GuichetWeb", .product(name: "Vapor", package: "vapor")],
            swiftSettings: strict
        ),
        // Shared by the test targets: fresh migrated databases (SQLite or PostgreSQL).
        .target(
            name: "GuichetTestSupport",
            dependencies: [
                "GuichetStore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
            ],
            path: "Tests/GuichetTestSupport",
            swiftSettings: strict
        ),
        .testTarget(name: "GuichetCoreTests", dependencies: ["GuichetCore"], swiftSettings: strict),
        .testTarget(name: "GuichetPDFTests", dependencies: ["GuichetPDF", "GuichetCore", "GuichetTestSupport", "CZlib"], swiftSettings: strict),
        .testTarget(
            name: "GuichetStoreTests",
            dependencies: ["GuichetStore", "GuichetCore", "GuichetTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "GuichetWebTests",
            dependencies: [
                "GuichetWeb", "GuichetStore", "GuichetCore", "GuichetTestSupport",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            swiftSettings: strict
        ),
    ]
)
