import Foundation
import GuichetCore

/// The portal's captcha pictures.
public struct CaptchaImageRenderer: CaptchaRendering {
    public init() {}

    public func png(code: String, seed: String) -> [UInt8] { CaptchaImage.png(code: code, seed: seed) }
}

/// Draws a code as a distorted grayscale picture: each glyph rotated, scaled and
/// shifted at random, crossed by curves, then the whole image warped by waves.
///
/// The randomness is seeded from the challenge's identifier, so reloading the image
/// of one challenge shows the same picture: averaging several renderings of the same
/// code would otherwise strip the noise away.
enum CaptchaImage {
    static let width = CaptchaImageSize.width
    static let height = CaptchaImageSize.height

    static func png(code: String, seed: String) -> [UInt8] {
        PNGEncoder.grayscale(width: width, height: height, pixels: pixels(code: code, seed: seed))
    }

    /// 8-bit gray pixels, row by row (0 = black).
    static func pixels(code: String, seed: String) -> [UInt8] {
        var random = SeededGenerator(seed: seed)
        var ink = [Double](repeating: 0, count: width * height)
        let characters = Array(code)
        let slot = Double(width - 24) / Double(max(characters.count, 1))

        for (index, character) in characters.enumerated() {
            let glyphHeight = Double.random(in: 34...46, using: &random)
            let glyphWidth = glyphHeight * Double.random(in: 0.55...0.72, using: &random)
            let centerX = 12 + slot * (Double(index) + 0.5) + Double.random(in: -3...3, using: &random)
            let centerY = Double(height) / 2 + Double.random(in: -8...8, using: &random)
            let angle = Double.random(in: -0.45...0.45, using: &random)
            let shear = Double.random(in: -0.25...0.25, using: &random)
            let pen = Double.random(in: 2.4...3.4, using: &random)
            for stroke in StrokeFont.strokes(for: character) {
                let points = stroke.map { point -> (Double, Double) in
                    let x = (point.x - 0.5) * glyphWidth + shear * (point.y - 0.5) * glyphHeight
                    let y = (point.y - 0.5) * glyphHeight
                    return (centerX + x * cos(angle) - y * sin(angle), centerY + x * sin(angle) + y * cos(angle))
                }
                for (start, end) in zip(points, points.dropFirst()) {
                    drawSegment(&ink, from: start, to: end, radius: pen)
                }
            }
        }
        // Crossing curves, thinner than the glyphs.
        for _ in 0..<3 {
            var previous: (Double, Double)? = nil
            let amplitude = Double.random(in: 8...22, using: &random)
            let phase = Double.random(in: 0...(2 * .pi), using: &random)
            let baseline = Double.random(in: 20...60, using: &random)
            let frequency = Double.random(in: 0.015...0.04, using: &random)
            for x in stride(from: 0.0, through: Double(width), by: 4) {
                let point = (x, baseline + amplitude * sin(x * frequency + phase))
                if let previous { drawSegment(&ink, from: previous, to: point, radius: 1.1) }
                previous = point
            }
        }
        // Speckles.
        for _ in 0..<260 {
            let x = Int.random(in: 0..<width, using: &random), y = Int.random(in: 0..<height, using: &random)
            ink[y * width + x] = max(ink[y * width + x], Double.random(in: 0.3...0.8, using: &random))
        }
        return warp(ink, random: &random)
    }

    /// Anti-aliased thick line: coverage from the distance to the segment.
    private static func drawSegment(_ ink: inout [Double], from a: (Double, Double), to b: (Double, Double), radius: Double) {
        let minX = max(0, Int(min(a.0, b.0) - radius - 1)), maxX = min(width - 1, Int(max(a.0, b.0) + radius + 1))
        let minY = max(0, Int(min(a.1, b.1) - radius - 1)), maxY = min(height - 1, Int(max(a.1, b.1) + radius + 1))
        guard minX <= maxX, minY <= maxY else { return }
        let dx = b.0 - a.0, dy = b.1 - a.1
        let lengthSquared = max(dx * dx + dy * dy, 1e-9)
        for y in minY...maxY {
            for x in minX...maxX {
                let px = Double(x) + 0.5, py = Double(y) + 0.5
                let t = min(1, max(0, ((px - a.0) * dx + (py - a.1) * dy) / lengthSquared))
                let distance = hypot(px - (a.0 + t * dx), py - (a.1 + t * dy))
                let coverage = min(1, max(0, radius + 0.5 - distance))
                if coverage > 0 { ink[y * width + x] = max(ink[y * width + x], coverage) }
            }
        }
    }

    /// Moves every pixel along two sine waves, sampled bilinearly.
    private static func warp(_ ink: [Double], random: inout SeededGenerator) -> [UInt8] {
        let ax = Double.random(in: 2...4, using: &random), ay = Double.random(in: 2...4, using: &random)
        let fx = Double.random(in: 0.05...0.09, using: &random), fy = Double.random(in: 0.03...0.06, using: &random)
        let px = Double.random(in: 0...6, using: &random), py = Double.random(in: 0...6, using: &random)
        var output = [UInt8](repeating: 255, count: width * height)
        func sample(_ x: Double, _ y: Double) -> Double {
            guard x >= 0, y >= 0, x < Double(width - 1), y < Double(height - 1) else { return 0 }
            let x0 = Int(x), y0 = Int(y), tx = x - Double(x0), ty = y - Double(y0)
            let top = ink[y0 * width + x0] * (1 - tx) + ink[y0 * width + x0 + 1] * tx
            let bottom = ink[(y0 + 1) * width + x0] * (1 - tx) + ink[(y0 + 1) * width + x0 + 1] * tx
            return top * (1 - ty) + bottom * ty
        }
        for y in 0..<height {
            for x in 0..<width {
                let sx = Double(x) + ax * sin(Double(y) * fx + px)
                let sy = Double(y) + ay * sin(Double(x) * fy + py)
                // Ink is dark gray on an off-white background: readable, not pure contrast.
                let value = 245 - sample(sx, sy) * 215
                output[y * width + x] = UInt8(max(0, min(255, value)))
            }
        }
        return output
    }
}

/// SplitMix64 seeded from a string (FNV-1a), stable across processes and instances.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seed.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        state = hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
