// The document engine's benchmark runner (release build), used by `make bench`.
//
//   guichet-bench convert INPUTDIR        median milliseconds per image conversion, as JSON
//   guichet-bench merge FILE…             median milliseconds of a merge, as JSON
//   guichet-bench merge-memory FILE…      peak resident memory added by one merge, in bytes
//   guichet-bench topdf IMAGE OUT         converts one image (to build merge inputs)
import Foundation
import GuichetPDF

func medianMilliseconds(runs: Int, _ work: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try work()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    }
    return times.sorted()[times.count / 2]
}

/// Current resident memory (Linux /proc), in bytes.
func residentBytes() -> Int {
    let fields = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))?.split(separator: " ") ?? []
    return (fields.count > 1 ? Int(fields[1]) ?? 0 : 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Peak resident memory of the process so far (getrusage), in bytes.
func peakBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
}

let arguments = Array(CommandLine.arguments.dropFirst())
let work = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: work) }

switch arguments.first {
case "convert":
    let directory = URL(fileURLWithPath: arguments[1])
    var results: [String: Double] = [:]
    for (name, format) in [("photo-12mp.jpg", DocumentFormat.jpeg), ("scan-a4-gray.png", .png), ("scan-a4-rgb.png", .png),
                           ("rgba.png", .png), ("palette.gif", .gif)] {
        let data = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
        results["guichet " + name] = try medianMilliseconds(runs: 7) { _ = try ImagePDF.make(data, format: format) }
        if format == .jpeg {
            // The floor for a JPEG: copying its bytes once.
            results["copy " + name] = medianMilliseconds(runs: 7) {
                let copy = [UInt8](unsafeUninitializedCapacity: data.count) { buffer, count in
                    _ = buffer.initialize(from: data)
                    count = data.count
                }
                precondition(copy.count == data.count)
            }
        }
    }
    print(String(decoding: try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys]), as: UTF8.self))
case "merge":
    let files = Array(arguments.dropFirst())
    let time = try medianMilliseconds(runs: 7) { _ = try QPDF.merge(files) }
    print(String(decoding: try JSONSerialization.data(withJSONObject: ["guichet merge": time]), as: UTF8.self))
case "merge-memory":
    let files = Array(arguments.dropFirst())
    let before = residentBytes()
    _ = try QPDF.merge(files)
    print(max(0, peakBytes() - before))
case "topdf":
    let data = Array(try Data(contentsOf: URL(fileURLWithPath: arguments[1])))
    try ImagePDF.make(data, format: try DocumentFormat.detect(data)).write(to: URL(fileURLWithPath: arguments[2]))
default:
    FileHandle.standardError.write(Data("usage: guichet-bench convert DIR | merge FILE… | merge-memory FILE…\n".utf8))
    exit(2)
}
