import CQPDF
import Foundation

/// The parts of libqpdf Guichet uses: checking an uploaded PDF without repairing it, and
/// copying the pages of several PDFs into a new one.
public enum QPDF {
    static let errors: Int32 = 2

    /// Opens and fully checks a PDF (qpdf's `--check`). A file qpdf would have to repair
    /// is refused, and so is an encrypted one.
    public static func pageCount(ofPDFAt path: String) throws(DocumentError) -> Int {
        guard let handle = qpdf_init() else { throw .damaged(.pdf) }
        var data: qpdf_data? = handle
        defer { qpdf_cleanup(&data) }
        qpdf_set_suppress_warnings(handle, QPDF_TRUE)
        qpdf_set_attempt_recovery(handle, QPDF_FALSE)
        let status = qpdf_read(handle, path, "")
        if status & errors != 0 {
            let text = qpdf_get_error(handle).flatMap { qpdf_get_error_full_text(handle, $0) }.map { String(cString: $0) } ?? ""
            if text.localizedCaseInsensitiveContains("password") || text.localizedCaseInsensitiveContains("encrypt") { throw .encrypted }
            throw .damaged(.pdf)
        }
        if qpdf_is_encrypted(handle) != QPDF_FALSE { throw .encrypted }
        if qpdf_more_warnings(handle) != QPDF_FALSE { throw .damaged(.pdf) }
        // Before qpdf decodes everything: what it would decode is bounded.
        try PDFContentBudget.check(handle)
        let check = qpdf_check_pdf(handle)
        if check != 0 || qpdf_more_warnings(handle) != QPDF_FALSE { throw .damaged(.pdf) }
        let pages = Int(qpdf_get_num_pages(handle))
        guard pages > 0 else { throw .damaged(.pdf) }
        return pages
    }

    /// Writes the pages of `inputs`, in order, into a new PDF, returned in memory (it goes
    /// to the blob store once, without an intermediate file). Only pages are
    /// copied: document-level scripts, attachments and forms of the inputs are left out.
    /// Stream data is copied as it is (image data is never decompressed again), and
    /// objects are packed into object streams.
    public static func merge(_ inputs: [String]) throws(DocumentError) -> Data {
        guard let target = qpdf_init() else { throw .damaged(.pdf) }
        var targetHandle: qpdf_data? = target
        var sources: [qpdf_data?] = []
        var handedOver = false
        defer {
            // Copied pages read their stream data from the sources while writing, so the
            // sources go last; the target lives on with the returned data.
            if !handedOver { qpdf_cleanup(&targetHandle) }
            for index in sources.indices { qpdf_cleanup(&sources[index]) }
        }
        qpdf_set_suppress_warnings(target, QPDF_TRUE)
        guard qpdf_empty_pdf(target) & errors == 0 else { throw .damaged(.pdf) }
        for path in inputs {
            guard let source = qpdf_init() else { throw .damaged(.pdf) }
            sources.append(source)
            qpdf_set_suppress_warnings(source, QPDF_TRUE)
            guard qpdf_read(source, path, "") & errors == 0 else { throw .damaged(.pdf) }
            let count = Int(qpdf_get_num_pages(source))
            guard count > 0 else { throw .damaged(.pdf) }
            for index in 0..<count {
                let page = qpdf_get_page_n(source, index)
                guard qpdf_add_page(target, source, page, QPDF_FALSE) & errors == 0 else { throw .damaged(.pdf) }
            }
        }
        guard qpdf_init_write_memory(target) & errors == 0 else { throw .damaged(.pdf) }
        qpdf_set_object_stream_mode(target, qpdf_o_generate)
        qpdf_set_stream_data_mode(target, qpdf_s_preserve)
        guard qpdf_write(target) & errors == 0, let buffer = qpdf_get_buffer(target) else { throw .damaged(.pdf) }
        // The bytes stay in qpdf's buffer (no 10 MB copy); it is freed with the data.
        handedOver = true
        let owner = QPDFHandle(targetHandle)
        return Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: buffer), count: qpdf_get_buffer_length(target),
                    deallocator: .custom { _, _ in owner.release() })
    }
}

/// Keeps a qpdf handle alive for as long as data borrowed from it.
private final class QPDFHandle: @unchecked Sendable {
    private var handle: qpdf_data?

    init(_ handle: qpdf_data?) {
        self.handle = handle
    }

    func release() {
        qpdf_cleanup(&handle)
    }
}
