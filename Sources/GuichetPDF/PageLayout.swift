/// Where an image goes on its page (SPEC §2): an A4 page, portrait or landscape like the
/// image, unless the image carries its own resolution and is larger than A4 at it, in
/// which case the page takes the image's own size.
public struct PageLayout: Equatable, Sendable {
    public static let a4 = (width: 595.28, height: 841.89)
    /// A resolution below this is a default written by software (72 or 96 dpi), not the
    /// trace of a scanner; such images are measured as 96 dpi screen images.
    public static let meaningfulDPI = 100.0
    public static let screenDPI = 96.0

    public let pageWidth: Double
    public let pageHeight: Double
    public let x: Double
    public let y: Double
    public let width: Double
    public let height: Double

    public static func place(pixelWidth: Int, pixelHeight: Int, dpi: Double?) -> PageLayout {
        let landscape = pixelWidth > pixelHeight
        let page = landscape ? (width: a4.height, height: a4.width) : a4
        let scannerDPI = dpi.flatMap { $0 >= meaningfulDPI ? $0 : nil }
        let resolution = scannerDPI ?? screenDPI
        let natural = (width: Double(pixelWidth) * 72 / resolution, height: Double(pixelHeight) * 72 / resolution)
        if scannerDPI != nil, natural.width > page.width + 0.5 || natural.height > page.height + 0.5 {
            return PageLayout(pageWidth: natural.width, pageHeight: natural.height, x: 0, y: 0,
                              width: natural.width, height: natural.height)
        }
        let scale = min(1, page.width / natural.width, page.height / natural.height)
        let size = (width: natural.width * scale, height: natural.height * scale)
        return PageLayout(pageWidth: page.width, pageHeight: page.height, x: (page.width - size.width) / 2,
                          y: (page.height - size.height) / 2, width: size.width, height: size.height)
    }
}
