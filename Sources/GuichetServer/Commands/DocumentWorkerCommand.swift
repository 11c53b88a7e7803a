import ArgumentParser
import Foundation
import GuichetCore
import GuichetOperations

/// `guichet document-worker`: the process one document is checked and assembled in.
/// It limits its own CPU time and memory before reading anything, reads one
/// `DocumentJob` (JSON) on standard input, leaves the PDF in the job's folder and writes
/// its `DocumentJob.Answer` on standard output. Started by the server, never by hand.
struct DocumentWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "document-worker",
        abstract: "Checks and assembles one uploaded document, in its own limited process (started by the server).",
        shouldDisplay: false)

    func run() throws {
        limit(__rlimit_resource_t(RLIMIT_CPU.rawValue), to: rlim_t(DocumentLimits.maximumAssemblyCPUSeconds))
        limit(__rlimit_resource_t(RLIMIT_AS.rawValue), to: rlim_t(DocumentLimits.maximumAssemblyMemoryBytes))
        let input = FileHandle.standardInput.readData(ofLength: 64 * 1024)
        guard let job = try? JSONDecoder().decode(DocumentJob.self, from: input) else { throw ExitCode(65) } // EX_DATAERR
        let work = URL(fileURLWithPath: job.work, isDirectory: true)
        let answer: DocumentJob.Answer
        switch InProcessDocumentAssembler.assembleNow(job.files.map { URL(fileURLWithPath: $0) }, work: work) {
        case .assembled(let data, let pages):
            try data.write(to: work.appendingPathComponent(DocumentJob.resultFileName))
            answer = .init(pages: pages)
        case .refused(let file, let message):
            answer = .init(refusal: message, file: file)
        }
        FileHandle.standardOutput.write(try JSONEncoder().encode(answer))
    }

    private func limit(_ resource: __rlimit_resource_t, to value: rlim_t) {
        var limit = rlimit(rlim_cur: value, rlim_max: value)
        _ = setrlimit(resource, &limit)
    }
}
