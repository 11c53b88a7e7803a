import Foundation

/// Sizes as French readers write them: « 2,4 Mo ».
public enum ByteSize {
    public static func french(_ bytes: Int) -> String {
        if bytes < 1000 { return "\(bytes) octets" }
        if bytes < 1_000_000 { return "\(Int((Double(bytes) / 1000).rounded())) ko" }
        let megabytes = Double(bytes) / 1_000_000
        let text = megabytes < 10 ? String(format: "%.1f", megabytes) : String(Int(megabytes.rounded()))
        return text.replacingOccurrences(of: ".", with: ",") + " Mo"
    }
}

/// The limits of SPEC §2.
public enum DocumentLimits {
    public static let maximumFiles = 4
    public static let maximumResultBytes = 10 * 1000 * 1000
    public static let maximumPixels = 100_000_000
    public static let maximumPages = 500
    /// Each uploaded file (before conversion and merging).
    public static let maximumFileBytes = 20 * 1000 * 1000
    /// What one document may decode to when it is checked (all its compressed streams
    /// together): past this it is refused, whatever its size on disk.
    public static let maximumDecodedBytes = 256 * 1000 * 1000
    /// How many times a compressed stream may grow when decoded. One Flate layer cannot
    /// pass about 1,032: more means nested compression, the mark of a decompression bomb.
    public static let maximumExpansion = 2_000
    /// The pixels of an image decoded on the portal (interlaced, transparent…), in bytes.
    public static let maximumDecodedImageBytes = 400 * 1000 * 1000
    /// How long the checks and the assembly of one document may take, on the wall
    /// clock and in CPU time, in their own process.
    public static let maximumAssemblySeconds = 30
    public static let maximumAssemblyCPUSeconds = 20
    /// The memory of that process.
    public static let maximumAssemblyMemoryBytes = 2 * 1024 * 1024 * 1024

    /// Refusing an upload whose files together exceed what one document may take in.
    public static let requestTooLargeMessage = "L'envoi dépasse la taille autorisée : \(maximumFiles) fichiers de \(ByteSize.french(maximumFileBytes)) au plus."

    /// Refusing an uploaded file over `maximum` bytes.
    public static func fileTooLargeMessage(maximum: Int = maximumFileBytes) -> String {
        "Ce fichier dépasse \(ByteSize.french(maximum)). Réduisez-le puis réessayez."
    }
}
