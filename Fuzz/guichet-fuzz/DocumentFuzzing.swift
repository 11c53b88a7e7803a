import Foundation
import GuichetCore
import GuichetPDF
#if FUZZING
import CLibFuzzer
#endif

/// What libFuzzer calls with each input: one untrusted upload through the whole document engine
/// (format detection, image decoders, PDF trailer check, libqpdf). The engine must
/// either refuse the file with a French message or give a PDF whose page count libqpdf
/// confirms; a Swift trap (a bad index, an overflow), a sanitizer report or a broken
/// promise below is a crash that libFuzzer keeps as a reproducer.
///
/// Built by `scripts/fuzz.sh` with `-sanitize=fuzzer,address -DFUZZING`; in an ordinary
/// build the same check runs on files named on the command line (see `main` below).
func fuzzDocumentEngine(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    checkOneUpload(input)
    return 0
}

/// A folder of this process for the upload and the converted image, emptied after each
/// input (the engine writes converted images next to the upload, as in the app).
private let workDirectory: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}()

func checkOneUpload(_ input: Data) {
    let upload = workDirectory.appendingPathComponent("upload")
    guard (try? input.write(to: upload)) != nil else { fatalError("cannot write \(upload.path)") }
    defer {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: workDirectory.path)) ?? [] {
            try? FileManager.default.removeItem(at: workDirectory.appendingPathComponent(name))
        }
    }
    do {
        let result = try DocumentAssembler.assemble([upload], in: workDirectory)
        precondition(result.data.starts(with: Array("%PDF-".utf8)), "the result is not a PDF")
        precondition((1...DocumentLimits.maximumPages).contains(result.pages), "page count \(result.pages)")
        let written = workDirectory.appendingPathComponent("result.pdf")
        precondition((try? result.data.write(to: written)) != nil, "cannot write the result")
        let confirmed = try? QPDF.pageCount(ofPDFAt: written.path)
        precondition(confirmed == result.pages, "libqpdf reads \(confirmed.map(String.init) ?? "no PDF"), the engine said \(result.pages)")
    } catch {
        precondition(!error.message.isEmpty, "a refusal without a message")
        // A problem of the file names it; a problem of the whole document does not.
        let wholeDocument = switch error.error {
        case .tooManyPages, .resultTooLarge: true
        default: false
        }
        precondition(error.file == (wholeDocument ? nil : 1), "a refusal naming the wrong file: \(error)")
    }
}

@main enum FuzzEntry {
    static func main() {
        #if FUZZING
        // libFuzzer's driver, with its usual command-line options.
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in fuzzDocumentEngine(bytes, count) })
        #else
        // `guichet-fuzz FILE…`: the check on each file, to reproduce without the
        // sanitizers a crash that `scripts/fuzz.sh` found.
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { fatalError("cannot read \(path)") }
            checkOneUpload(data)
            print("ok \(path)")
        }
        #endif
    }
}
