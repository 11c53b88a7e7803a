import Foundation

/// Draws a captcha code as a distorted PNG image (SPEC §9). The same code and seed
/// always give the same picture, so reloading an image never helps averaging the noise away.
public protocol CaptchaRendering: Sendable {
    func png(code: String, seed: String) -> [UInt8]
}

/// The pictures' size, which pages declare so the layout does not jump as they load.
public enum CaptchaImageSize {
    public static let width = 240
    public static let height = 80
}
