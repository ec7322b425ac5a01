// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "aim-spacy",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "aim-spacy", targets: ["aim-spacy"]),
        .library(name: "AimSpacy", targets: [
            "AimSpacyModel", "AimSpacyDecoding", "AimSpacyDisplacy", "AimSpacyRepository",
            "AimSpacyReport", "AimSpacyArchive", "AimSpacyPipeline", "AimSpacyScoring", "AimSpacyExport", "AimSpacyPostgresRepository",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // System libraries.
        .systemLibrary(name: "CAimZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        // Leaf: value types shared by every stage.
        .target(name: "AimSpacyModel", swiftSettings: strict),

        // Stage 1: decode what `spacy train` leaves behind.
        .target(name: "AimSpacyDecoding", dependencies: ["AimSpacyModel", "CAimZlib", "CLibXML2"], swiftSettings: strict),

        // Stage 2: the run repository.
        .target(
            name: "AimSpacyRepository",
            dependencies: ["AimSpacyModel", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),

        // Stage 2b: the same repository on a PostgreSQL server, for teams.
        .target(
            name: "AimSpacyPostgresRepository",
            dependencies: ["AimSpacyModel", "AimSpacyRepository", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: strict
        ),

        // Stage 3: rendering — displaCy markup and static reports.
        .target(name: "AimSpacyDisplacy", dependencies: ["AimSpacyModel"], swiftSettings: strict),
        .target(
            name: "AimSpacyReport",
            dependencies: [
                "AimSpacyModel", "AimSpacyDisplacy", "CLibXML2",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [
                .embedInCode("../../Templates/compare.mustache"),
                .embedInCode("../../Templates/errors.mustache"),
                .embedInCode("../../Templates/index.mustache"),
                .embedInCode("../../Templates/page.mustache"),
                .embedInCode("../../Templates/run.mustache"),
                .embedInCode("../../Templates/script.mustache"),
                .embedInCode("../../Templates/style.mustache"),
            ],
            swiftSettings: strict
        ),

        // Stage 4: archives.
        .target(
            name: "AimSpacyArchive",
            dependencies: ["AimSpacyModel", "CAimZlib", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict
        ),

        // Scoring: spaCy's Scorer over gold and predicted DocBins.
        .target(name: "AimSpacyScoring", dependencies: ["AimSpacyModel", "AimSpacyDecoding"], swiftSettings: strict),
        // Stage 5: exports to the trackers teams already use (MLflow, TensorBoard).
        .target(name: "AimSpacyExport", dependencies: ["AimSpacyModel"], swiftSettings: strict),

        // Orchestration: the only module that knows every stage.
        .target(
            name: "AimSpacyPipeline",
            dependencies: [
                "AimSpacyModel", "AimSpacyDecoding", "AimSpacyDisplacy", "AimSpacyRepository",
                "AimSpacyPostgresRepository", "AimSpacyReport", "AimSpacyArchive", "AimSpacyScoring", "AimSpacyExport",
            ],
            swiftSettings: strict
        ),

        // The thin command line.
        .executableTarget(
            name: "aim-spacy",
            dependencies: ["AimSpacyPipeline", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),

        // Fixtures and helpers every test target shares (one copy of Fixtures/ for all of them).
        .target(
            name: "AimSpacyTestSupport",
            dependencies: ["AimSpacyModel", "CAimZlib"],
            path: "Tests/AimSpacyTestSupport",
            resources: [.copy("../../Fixtures")],
            swiftSettings: strict
        ),
        // The two repository backends for tests that run on both (and the PostgreSQL test server).
        .target(
            name: "AimSpacyBackendTestSupport",
            dependencies: ["AimSpacyTestSupport", "AimSpacyRepository", "AimSpacyPostgresRepository"],
            path: "Tests/AimSpacyBackendTestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "AimSpacyDecodingTests",
            dependencies: ["AimSpacyTestSupport", "AimSpacyDecoding", "AimSpacyModel"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AimSpacyDisplacyTests",
            dependencies: ["AimSpacyTestSupport", "AimSpacyDisplacy", "AimSpacyDecoding", "AimSpacyModel"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AimSpacyRepositoryTests",
            dependencies: ["AimSpacyTestSupport", "AimSpacyBackendTestSupport", "AimSpacyRepository", "AimSpacyModel"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AimSpacyPostgresRepositoryTests",
            dependencies: [
                "AimSpacyTestSupport", "AimSpacyBackendTestSupport", "AimSpacyPostgresRepository", "AimSpacyRepository",
                "AimSpacyModel", "AimSpacyPipeline", "aim-spacy", "AimSpacyReport",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AimSpacyReportTests",
            dependencies: ["AimSpacyTestSupport", "AimSpacyReport", "AimSpacyDisplacy", "AimSpacyModel", "CLibXML2", "CAimZlib"],
            exclude: ["__Goldens__"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AimSpacyArchiveTests",
            dependencies: ["AimSpacyTestSupport", "AimSpacyArchive", "AimSpacyModel"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AimSpacyScoringTests",
            dependencies: ["AimSpacyTestSupport", "AimSpacyScoring", "AimSpacyDecoding", "AimSpacyModel"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AimSpacyExportTests",
            dependencies: ["AimSpacyTestSupport", "AimSpacyExport", "AimSpacyPipeline", "AimSpacyModel", "aim-spacy"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AimSpacyCLITests",
            dependencies: [
                "AimSpacyTestSupport", "AimSpacyBackendTestSupport", "aim-spacy", "AimSpacyPipeline", "AimSpacyReport",
                "AimSpacyRepository", "AimSpacyDisplacy", "AimSpacyDecoding",
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
