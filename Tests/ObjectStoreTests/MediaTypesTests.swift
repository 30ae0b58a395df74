import ObjectStore
import Testing

@Suite struct MediaTypesTests {
    @Test("types by extension, case-insensitive", arguments: [
        ("fichas/a.pdf", "application/pdf"),
        ("A.PDF", "application/pdf"),
        ("foto.JpG", "image/jpeg"),
        ("x.webp", "image/webp"),
        ("x.avif", "image/avif"),
        ("IMG_0001.HEIC", "image/heic"),
        ("logo.svg", "image/svg+xml"),
        ("planilha.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("doc.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("dados.csv", "text/csv"),
        ("dados.json", "application/json"),
        ("feed.xml", "application/xml"),
        ("index.html", "text/html"),
        ("audio.mp3", "audio/mpeg"),
        ("video.mp4", "video/mp4"),
        ("video.mov", "video/quicktime"),
        ("pacote.zip", "application/zip"),
        ("backup.tar.gz", "application/gzip"),
        ("fonte.woff2", "font/woff2"),
        ("sem-extensao", "application/octet-stream"),
        (".env", "application/octet-stream"),
        ("pasta.pdf/arquivo", "application/octet-stream"),
        ("arquivo.", "application/octet-stream"),
        ("x.desconhecida", "application/octet-stream"),
    ])
    func byKey(key: String, type: String) {
        #expect(MediaTypes.type(forKey: key) == type)
    }

    @Test("extension lookup accepts a leading dot and any case")
    func byExtension() {
        #expect(MediaTypes.type(forExtension: ".PNG") == "image/png")
        #expect(MediaTypes.type(forExtension: "png") == "image/png")
        #expect(MediaTypes.type(forExtension: "nope") == nil)
        #expect(MediaTypes.fileExtension(ofKey: "a/b.c/d.TXT") == "txt")
        #expect(MediaTypes.fileExtension(ofKey: "a/b.c/d") == nil)
        #expect(MediaTypes.extensions(forType: "image/jpeg") == ["jfif", "jpe", "jpeg", "jpg"])
    }

    @Test("exact and family matching, parameters and case ignored", arguments: [
        ("image/png", "image/*", true),
        ("image/png", "image/png", true),
        ("Image/PNG; q=1", "image/png", true),
        ("text/html; charset=utf-8", "text/html", true),
        ("image/png", "image/jpeg", false),
        ("imagex/png", "image/*", false),
        ("image", "image/*", false),
        ("image/", "image/*", false),
        ("application/pdf", "*/*", true),
        ("application/pdf", "*", true),
        ("application/pdf", "application/*", true),
        ("application/pdf", "text/*", false),
    ])
    func matching(type: String, pattern: String, expected: Bool) {
        #expect(MediaTypes.matches(type, pattern: pattern) == expected)
    }

    @Test("pattern validation")
    func validation() {
        for ok in ["image/*", "application/pdf", "*/*", "*", "application/vnd.ms-excel", "image/svg+xml"] {
            #expect(MediaTypes.isValidPattern(ok), "\(ok)")
        }
        for bad in ["image", "/png", "image/", "*/png", "a/b/c", "", "ima ge/png"] {
            #expect(!MediaTypes.isValidPattern(bad), "\(bad)")
        }
    }
}
