import BackendSupport
import Foundation
import R2SCore
import R2STestSupport
import Testing

/// A whole `.r2s` session against each backend, compared line by line with the expected
/// transcript (ids, dates and the temp folder normalised): what an operator sees.
@Suite struct TranscriptTests {
    static let script = """
        on-error continue
        upload "$1/relatório anual.pdf" "$1/foto + legenda.jpg" --to 'fichas/2026' --jobs 1
        upload "$1/relatório anual.pdf" --to 'fichas/2026'
        echo "status $?"
        ls fichas
        url 'fichas/2026/foto + legenda.jpg'
        du --by type
        records count --where 'content_type~image/'
        mv 'fichas/2026/foto + legenda.jpg' fotos/
        rm 'fichas/2026/relatório anual.pdf' fotos/nada.jpg
        echo "status $?"
        rm 'fichas/2026/relatório anual.pdf' fotos/nada.jpg --yes
        echo "status $?"
        restore 'fichas/2026/relatório anual.pdf'
        echo "status $?"
        ls --deleted --csv
        """

    static let expectedOut = """
        FILE  KEY  SIZE  STATUS  ID
        <DIR>/relatório anual.pdf  fichas/2026/relatório anual.pdf  11 B  uploaded  <ID>
        <DIR>/foto + legenda.jpg  fichas/2026/foto + legenda.jpg  9 B  uploaded  <ID>
        FILE  KEY  SIZE  STATUS  ID
        <DIR>/relatório anual.pdf  fichas/2026/relatório anual.pdf  11 B  failed
        status 4
        NAME  KEY  TYPE  SIZE  CREATED  MODIFIED  REF  STATUS
        foto + legenda.jpg  fichas/2026/foto + legenda.jpg  image/jpeg  9 B  <DATE>  <DATE>  ok
        relatório anual.pdf  fichas/2026/relatório anual.pdf  application/pdf  11 B  <DATE>  <DATE>  ok
        https://files.example.com/fichas/2026/foto%20%2B%20legenda.jpg
        CONTENT_TYPE  FILES  SIZE  UNSIZED
        application/pdf  1  11 B  0
        image/jpeg  1  9 B  0
        total  2  20 B
        1
        from: fichas/2026/foto + legenda.jpg
        to:  fotos/foto + legenda.jpg
        url:  https://files.example.com/fotos/foto%20%2B%20legenda.jpg
        rows: <ID>
        status 4
        ITEM  KEY  ROWS  OBJECT  STATUS
        fichas/2026/relatório anual.pdf  fichas/2026/relatório anual.pdf  1  deleted  ok
        status 5
        status 1
        nome,key,content_type,size,created_at,modified,referencia,status,id
        foto + legenda.jpg,fotos/foto + legenda.jpg,image/jpeg,9,<DATE>,<DATE>,,ok,<ID>
        relatório anual.pdf,fichas/2026/relatório anual.pdf,application/pdf,11,<DATE>,<DATE>,,soft-deleted,<ID>

        """

    static let expectedErr = """
        note: no row under https://files.example.com/ shows how keys with spaces or accents are spelled; writing encoded urls (set R2S_URL_STYLE=raw if the other app concatenates base and key)
        uploaded fichas/2026/relatório anual.pdf
        uploaded fichas/2026/foto + legenda.jpg
        error: '<DIR>/relatório anual.pdf': 'fichas/2026/relatório anual.pdf' already exists
        hint: pass --overwrite to replace it or --skip-existing to leave it
        error: refusing to delete 2 items without confirmation
        hint: scripts must pass --yes to delete several items
        error: 'fotos/nada.jpg': no object and no row for 'fotos/nada.jpg'
        hint: check the key with `ls PREFIX` or the row with `find --name …`
        error: object 'fichas/2026/relatório anual.pdf' no longer exists, so its row cannot be restored
        hint: R2 keeps no old versions: upload the file again with `upload FILE --to fichas/2026`

        """

    @Test(arguments: Backend.allCases)
    func session(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        try f.file("relatório anual.pdf", "%PDF-1.4 ok")
        try f.file("foto + legenda.jpg", "jpeg-data")
        let shell = f.shell()
        let r = await shell.run(Self.script, arguments: [f.files])
        #expect(r.status == .ok)  // `echo` ran last
        let out = normalise(r.out, f)
        let err = normalise(r.err, f)
        for (i, (got, want)) in zip(out.components(separatedBy: "\n"), Self.expectedOut.components(separatedBy: "\n")).enumerated() {
            #expect(got == want, "stdout line \(i + 1)")
        }
        #expect(out == Self.expectedOut)
        #expect(err == Self.expectedErr)
    }

    /// Uuids → `<ID>`, `YYYY-MM-DD HH:MM` and ISO timestamps → `<DATE>`, the temp folder → `<DIR>`;
    /// column padding (which depends on those) is reduced to two spaces, trailing blanks dropped.
    func normalise(_ text: String, _ f: StorageFixture) -> String {
        var s = text.replacingOccurrences(of: f.files, with: "<DIR>")
        let patterns = [
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}": "<ID>",
            "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z": "<DATE>",
            "[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}": "<DATE>",
        ]
        for (pattern, replacement) in patterns {
            s = s.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        s = s.replacingOccurrences(of: " {2,}", with: "  ", options: .regularExpression)
        return s.replacingOccurrences(of: " +\n", with: "\n", options: .regularExpression)
    }
}
