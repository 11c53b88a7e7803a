import Crypto
import Foundation

/// The static files (one stylesheet, one script, the icon), loaded once at start-up
/// and served under names that carry a hash of their content. A new version gets a
/// new name, so they can be cached for a year without anyone ever seeing a stale one.
public struct AssetCatalog: Sendable {
    public enum Asset: String, CaseIterable, Sendable {
        case stylesheet = "guichet.css"
        case script = "guichet.js"
        case icon = "favicon.svg"

        var contentType: String {
            switch self {
            case .stylesheet: "text/css; charset=utf-8"
            case .script: "text/javascript; charset=utf-8"
            case .icon: "image/svg+xml"
            }
        }
    }

    struct File: Sendable {
        let asset: Asset
        let data: Data
        let fingerprintedName: String
    }

    private let files: [Asset: File]
    private let byName: [String: File]

    /// Loads the files shipped in the module's resources.
    public static func bundled() throws -> AssetCatalog {
        var files: [Asset: Data] = [:]
        for asset in Asset.allCases {
            guard let url = Bundle.module.url(forResource: asset.rawValue, withExtension: nil, subdirectory: "Resources/assets") else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: asset.rawValue])
            }
            files[asset] = try Data(contentsOf: url)
        }
        return AssetCatalog(files: files)
    }

    init(files: [Asset: Data]) {
        var catalog: [Asset: File] = [:]
        for (asset, data) in files {
            let digest = SHA256.hash(data: data).prefix(6).map { String(format: "%02x", $0) }.joined()
            let parts = asset.rawValue.split(separator: ".", maxSplits: 1)
            catalog[asset] = File(asset: asset, data: data, fingerprintedName: "\(parts[0]).\(digest).\(parts[1])")
        }
        self.files = catalog
        self.byName = Dictionary(uniqueKeysWithValues: catalog.values.map { ($0.fingerprintedName, $0) })
    }

    /// The URL to link to.
    public func url(for asset: Asset) -> SiteURL {
        .asset(.value(files[asset]?.fingerprintedName ?? asset.rawValue))
    }

    func file(named name: String) -> File? { byName[name] }
}
